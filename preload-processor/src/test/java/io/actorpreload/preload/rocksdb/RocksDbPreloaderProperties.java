package io.actorpreload.preload.rocksdb;

import io.actorpreload.localstack.Directories;
import io.actorpreload.preload.PreloaderProperties;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The reference-model properties on the embedded RocksDB driver, a database per scenario. */
class RocksDbPreloaderProperties extends PreloaderProperties {
    private static Path directory;

    @BeforeContainer
    static void createParentFolder() throws IOException {
        directory = Files.createTempDirectory("preloader-properties");
    }

    @AfterContainer
    static void deleteDatabases() {
        Directories.deleteRecursively(directory);
    }

    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        // RocksDB allows one open handle per folder, so every scenario's root gets its own folder.
        try {
            return RocksDbPreloadStore.open(Files.createTempDirectory(directory, "scenario"), layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
