package io.actorpreload.preload.internals;

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
import io.actorpreload.preload.TestData;
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
 * The preload reads ahead: the read version, every get-key's rows and every prefix's first batch
 * are issued before any of them completes; only a prefix whose first batch stops short is
 * continued, one batch per round trip. Driven by a reader whose reads complete only when the test
 * releases them, in reverse order; every result is checked against the reference model.
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
            return hold(delegate::readVersion);
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

    /** Runs the preload against held reads; returns the number of reads in each round trip. */
    private List<Integer> waves(List<KvRecord> seeded, PreloadManifest manifest) {
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(directory)) {
            new ActorKvWriter(store).put("a1", seeded);
            List<Integer> waveSizes = new ArrayList<>();
            PreloadedKv result = store.readSnapshot(Instant.now().plusSeconds(60), reader -> {
                        HeldReader held = new HeldReader(reader);
                        CompletableFuture<PreloadedKv> run = new SnapshotPreload(
                                        store.layout(), "a1", PreloadPlan.of(manifest, 1 << 20), held)
                                .run();
                        while (!run.isDone()) {
                            waveSizes.add(held.releaseAll());
                        }
                        return run;
                    })
                    .join();
            assertThat(ReferencePreloadModel.withoutReadVersion(result))
                    .isEqualTo(ReferencePreloadModel.expected(seeded, manifest, 1 << 20));
            return waveSizes;
        }
    }

    @Test
    void shouldIssueEveryReadBeforeWaitingOnAny() {
        List<KvRecord> seeded = List.of(
                record(bytes("a"), filled(20_000, 1)),
                record(bytes("b"), bytes("2")),
                record(bytes("p/1"), bytes("3")),
                record(bytes("q/1"), filled(500, 4)));
        PreloadManifest manifest = manifest(
                List.of(bytes("a"), bytes("b"), bytes("missing")),
                List.of(
                        prefix(bytes("p/"), 1000, false),
                        prefix(bytes("q/"), 1000, true),
                        prefix(bytes("r/"), 1000, false)),
                1 << 20);

        // read version + 3 get-keys + 3 prefixes, all in one round trip
        assertThat(waves(seeded, manifest)).containsExactly(7);
    }

    @Test
    void shouldContinueAPrefixWhoseFirstBatchStopsShortOneBatchAtATime() {
        List<KvRecord> seeded = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            seeded.add(record(bytes("s/%02d".formatted(i)), filled(40, i)));
        }
        long entryBytes = seeded.stream().mapToLong(KvRecord::preloadSize).sum();
        // The rows (whose keys carry the actor subspace) outgrow a first batch of entryBytes + 1.
        PreloadManifest manifest = manifest(List.of(), List.of(prefix(bytes("s/"), entryBytes, false)), 1 << 20);

        List<Integer> waveSizes = waves(seeded, manifest);

        assertThat(waveSizes.get(0)).isEqualTo(2);
        assertThat(waveSizes.subList(1, waveSizes.size())).isNotEmpty().containsOnly(1);
    }

    @Test
    void shouldContinueAGetKeyWhoseRowsOutgrowTheirRead() {
        // Each zero byte of a version takes two bytes in the metadata row; enough of them make the
        // rows of a value that fits the budget exactly larger than the get-key's first read.
        KvRecord zeroVersion = new KvRecord(bytes("k"), filled(5_000, 1), new byte[100], TestData.UPDATED);
        PreloadManifest manifest = manifest(List.of(bytes("k")), List.of(), zeroVersion.preloadSize());

        assertThat(waves(List.of(zeroVersion), manifest)).containsExactly(2, 1);
    }

    @Test
    void shouldNeedNoFurtherReadWhenAnEarlierKeySpentTheBudget() {
        List<KvRecord> seeded = List.of(record(bytes("big"), filled(30_000, 1)), record(bytes("p/1"), bytes("3")));
        long budget = seeded.get(0).preloadSize();
        PreloadManifest manifest = manifest(List.of(bytes("big")), List.of(prefix(bytes("p/"), 1000, false)), budget);

        assertThat(waves(seeded, manifest)).containsExactly(3);
    }
}
