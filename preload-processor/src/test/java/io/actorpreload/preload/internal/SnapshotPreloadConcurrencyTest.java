package io.actorpreload.preload.internal;

import static io.actorpreload.preload.TestData.bytes;
import static io.actorpreload.preload.TestData.filled;
import static io.actorpreload.preload.TestData.manifest;
import static io.actorpreload.preload.TestData.prefix;
import static io.actorpreload.preload.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.ReferencePreloadModel;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preload issues its independent reads together: every get-key's first read before any of them
 * completes, then one point read for all fitting values. Driven by a reader whose reads complete
 * only when the test releases them, in reverse order.
 */
class SnapshotPreloadConcurrencyTest {
    @TempDir
    Path directory;

    /** Holds every read until {@link #releaseAll()}. */
    private static final class HeldReader implements SnapshotReader {
        private final SnapshotReader delegate;
        private final List<Runnable> held = new ArrayList<>();

        HeldReader(SnapshotReader delegate) {
            this.delegate = delegate;
        }

        private <T> CompletableFuture<T> hold(Supplier<CompletableFuture<T>> read) {
            CompletableFuture<T> result = new CompletableFuture<>();
            held.add(() -> read.get().whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            }));
            return result;
        }

        /** Completes the held reads, last issued first; returns how many there were. */
        int releaseAll() {
            List<Runnable> wave = new ArrayList<>(held);
            held.clear();
            for (int i = wave.size() - 1; i >= 0; i--) {
                wave.get(i).run();
            }
            return wave.size();
        }

        @Override
        public CompletableFuture<Long> readVersion() {
            return delegate.readVersion();
        }

        @Override
        public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
            return hold(() -> delegate.getAll(keys));
        }

        @Override
        public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
            return hold(() -> delegate.getRange(begin, end, limit));
        }
    }

    @Test
    void shouldIssueAllGetKeyReadsBeforeWaitingOnAny() {
        List<KvRecord> seeded = List.of(record(bytes("a"), filled(20_000, 1)), record(bytes("b"), bytes("2")),
                record(bytes("p/1"), bytes("3")));
        PreloadManifest manifest = manifest(List.of(bytes("a"), bytes("b"), bytes("missing")),
                List.of(prefix(bytes("p/"), 1000, false)), 1 << 20);
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(directory)) {
            new ActorKvWriter(store).put("a1", seeded);
            List<Integer> waveSizes = new ArrayList<>();
            PreloadedKv result = store.readSnapshot(Instant.now().plusSeconds(60), reader -> {
                HeldReader held = new HeldReader(reader);
                CompletableFuture<PreloadedKv> run = new SnapshotPreload(store.layout(), "a1", PreloadPlan.of(manifest, 1 << 20), held).run();
                while (!run.isDone()) {
                    waveSizes.add(held.releaseAll());
                }
                return run;
            }).join();

            assertThat(waveSizes).containsExactly(3, 1, 1);
            assertThat(ReferencePreloadModel.withoutReadVersion(result)).isEqualTo(ReferencePreloadModel.expected(seeded, manifest, 1 << 20));
        }
    }
}
