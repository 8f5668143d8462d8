package io.actorpreload.preload.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options the embedded store opens RocksDB with, as RocksDB itself records them (its OPTIONS file). */
class RocksDbPreloadStoreOptionsTest {
    @TempDir
    Path directory;

    @Test
    void shouldDelayTheRewriteOfBottommostFilesThatSnapshotReadsSetOff() throws IOException {
        Path db = directory.resolve("db");
        RocksDbPreloadStore.open(db).close();

        assertThat(Files.readString(latestOptionsFile(db)))
                .contains("bottommost_file_compaction_delay=" + RocksDbPreloadStore.BOTTOMMOST_COMPACTION_DELAY_SECONDS)
                .contains("create_if_missing=true");
    }

    private static Path latestOptionsFile(Path db) throws IOException {
        try (Stream<Path> files = Files.list(db)) {
            return files.filter(file -> file.getFileName().toString().startsWith("OPTIONS-"))
                    .max(Path::compareTo)
                    .orElseThrow();
        }
    }
}
