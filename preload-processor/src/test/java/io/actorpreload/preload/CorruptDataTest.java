package io.actorpreload.preload;

import static io.actorpreload.preload.TestData.bytes;
import static io.actorpreload.preload.TestData.filled;
import static io.actorpreload.preload.TestData.manifest;
import static io.actorpreload.preload.TestData.prefix;
import static io.actorpreload.preload.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.Mutation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows that break the layout give a {@code STORE_ERROR} outcome whose reason names the key and the
 * problem, whether the key is read as a get-key or under a prefix; never an exception.
 */
class CorruptDataTest {
    private static final Instant FAR = Instant.now().plusSeconds(3600);
    private static final byte[] KEY = bytes("p/key");

    @TempDir
    Path directory;

    private RocksDbPreloadStore store;
    private KeyLayout layout;

    @BeforeEach
    void seed() {
        store = RocksDbPreloadStore.open(directory.resolve("db"));
        layout = store.layout();
        new ActorKvWriter(store)
                .put("a1", List.of(record(KEY, filled(25_000, 1)), record(bytes("p/next"), bytes("n"))));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String failureOf(boolean asGetKey) {
        PreloadManifest manifest = asGetKey
                ? manifest(List.of(KEY), List.of(), 1 << 20)
                : manifest(List.of(), List.of(prefix(bytes("p/"), 1 << 20, false)), 1 << 20);
        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults()).preload("a1", manifest);
        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        return outcome.failure().orElseThrow();
    }

    private void apply(Mutation mutation) {
        store.write(List.of(mutation), FAR).join();
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportAMissingMiddleChunk(boolean asGetKey) {
        byte[] chunk = layout.chunkKey("a1", KEY, 1);
        apply(new Mutation.ClearRange(chunk, append(chunk, 0)));
        assertThat(failureOf(asGetKey))
                .contains("corrupt data")
                .contains("Chunk 1")
                .contains("missing");
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportAMissingLastChunk(boolean asGetKey) {
        byte[] chunk = layout.chunkKey("a1", KEY, 2);
        apply(new Mutation.ClearRange(chunk, append(chunk, 0)));
        assertThat(failureOf(asGetKey)).contains("Chunk 2").contains("missing");
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportAnExtraChunk(boolean asGetKey) {
        apply(new Mutation.Set(layout.chunkKey("a1", KEY, 3), bytes("extra")));
        assertThat(failureOf(asGetKey)).contains("corrupt data").contains("extra chunk 3");
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportMissingMetadata(boolean asGetKey) {
        byte[] metadata = layout.metadataKey("a1", KEY);
        apply(new Mutation.ClearRange(metadata, append(metadata, 0)));
        assertThat(failureOf(asGetKey)).contains("metadata missing");
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportMetadataThatIsNotATuple(boolean asGetKey) {
        apply(new Mutation.Set(layout.metadataKey("a1", KEY), bytes(0x99, 0x01)));
        assertThat(failureOf(asGetKey)).contains("metadata of key");
    }

    @ParameterizedTest(name = "as get-key: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReportAChunkOfTheWrongLength(boolean asGetKey) {
        apply(new Mutation.Set(layout.chunkKey("a1", KEY, 0), bytes("short")));
        assertThat(failureOf(asGetKey)).contains("Chunk 0").contains("implies 10000");
    }

    @Test
    void shouldReportARowThatIsNotOfTheLayoutUnderAPrefix() {
        KeyRange range = layout.prefixRange("a1", bytes("p/"));
        apply(new Mutation.Set(append(range.begin(), 0x7A, 0x00, 0x00, 0x63), bytes("junk")));
        assertThat(failureOf(false)).contains("corrupt data");
    }

    private static byte[] append(byte[] bytes, int... more) {
        byte[] result = Arrays.copyOf(bytes, bytes.length + more.length);
        for (int i = 0; i < more.length; i++) {
            result[bytes.length + i] = (byte) more[i];
        }
        return result;
    }
}
