package io.actorpreload.preload.fdb;

import static io.actorpreload.preload.TestData.bytes;
import static io.actorpreload.preload.TestData.filled;
import static io.actorpreload.preload.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.apple.foundationdb.FDB;
import com.apple.foundationdb.tuple.ByteArrayUtil;
import com.apple.foundationdb.tuple.Tuple;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.ReferencePreloadModel;
import io.actorpreload.preload.TestData;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreReader;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a live FoundationDB shows of the preload: where its continuations run, and a preload
 * that outlives its transaction's five seconds (error 1007, transaction too old). Skipped, saying
 * why, where no FoundationDB is configured.
 */
class FdbLivePreloadTest {
    /**
     * Longer than FoundationDB's five-second window of versions a transaction may read at, plus the
     * while its storage server keeps older versions (six seconds still read on the local server).
     */
    private static final Duration PAST_THE_WINDOW = Duration.ofSeconds(10);

    private static final String NETWORK_THREAD = "fdb-network-thread";

    private KeyLayout layout;
    private FdbPreloadStore store;
    private List<KvRecord> records;
    private PreloadManifest manifest;

    @BeforeEach
    void seedAnActorWhosePreloadTakesSeveralRangeReads() {
        LiveFoundationDb.assumeAvailable();
        layout = KeyLayout.withRoot(Tuple.from("live", UUID.randomUUID().toString()));
        store = LiveFoundationDb.open(layout);
        records = new ArrayList<>();
        records.add(record(bytes("state"), filled(2_000, 1)));
        for (int i = 0; i < 40; i++) {
            records.add(record(bytes("page/" + (1000 + i)), filled(10_000, i)));
        }
        new ActorKvWriter(store).put("a1", records);
        manifest = TestData.manifest(
                List.of(bytes("state"), bytes("missing")),
                List.of(TestData.prefix(bytes("page/"), 1 << 20, true)),
                1 << 20);
    }

    @AfterEach
    void wipe() {
        if (store != null) {
            byte[] root = layout.root().pack();
            store.write(
                            List.of(new Mutation.ClearRange(root, ByteArrayUtil.strinc(root))),
                            Instant.now().plusSeconds(30))
                    .join();
            store.close();
        }
    }

    @Test
    void shouldRunNoCodeOfOursOnTheNetworkThreadAndSelectTheApiVersionOnce() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        CallWrapper recordThread = new CallWrapper() {
            @Override
            public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
                return call.get().thenApply(value -> {
                    threads.add(Thread.currentThread().getName());
                    return value;
                });
            }
        };
        PreloadStore watched = new ReadsDecorated(store, attempt -> reader -> new CallingReader(reader, recordThread));

        PreloadOutcome outcome = new Preloader(watched, PreloadSettings.defaults())
                .preloadAsync("a1", manifest)
                .thenApply(result -> {
                    threads.add(Thread.currentThread().getName());
                    return result;
                })
                .join();

        assertThat(outcome.status()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(threads).isNotEmpty().doesNotContain(NETWORK_THREAD);
        assertThat(FdbPreloadStore.fdb()).isSameAs(FDB.instance());
        assertThat(FDB.instance().getAPIVersion()).isEqualTo(FdbPreloadStore.API_VERSION);
    }

    @Test
    void shouldRetryAPreloadThatOutlivesItsTransactionAndAnswerWhole() {
        AtomicInteger attempts = new AtomicInteger();
        PreloadStore slowFirstAttempt = new ReadsDecorated(
                store, attempt -> attempt == 1 ? reader -> new LateReads(reader) : reader -> reader, attempts);

        PreloadOutcome outcome = new Preloader(slowFirstAttempt, new PreloadSettings(1 << 20, Duration.ofSeconds(30)))
                .preload("a1", manifest);

        assertThat(attempts.get())
                .as("snapshot attempts: the first one's late reads were too old; " + outcome)
                .isGreaterThan(1);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(ReferencePreloadModel.withoutReadVersion(
                        outcome.preloadedKv().orElseThrow()))
                .isEqualTo(ReferencePreloadModel.expected(
                        records, manifest, ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES));
    }

    @Test
    void shouldFailAsStoreErrorWithoutAPreloadWhenEveryAttemptOutlivesItsTransaction() {
        PreloadStore alwaysSlow = new ReadsDecorated(store, attempt -> reader -> new LateReads(reader));

        // The first attempt fails as too old, the second one passes the deadline.
        PreloadOutcome outcome = new Preloader(alwaysSlow, new PreloadSettings(1 << 20, PAST_THE_WINDOW.plusSeconds(3)))
                .preload("a1", manifest);

        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        assertThat(outcome.preloadedKv()).isEmpty();
        assertThat(outcome.failure()).isPresent();
    }

    /** The store with each snapshot attempt's reader replaced by {@code decorate.apply(attempt number)}. */
    private static final class ReadsDecorated implements PreloadStore {
        private final PreloadStore store;
        private final Function<Integer, Function<SnapshotReader, SnapshotReader>> decorate;
        private final AtomicInteger attempts;

        ReadsDecorated(PreloadStore store, Function<Integer, Function<SnapshotReader, SnapshotReader>> decorate) {
            this(store, decorate, new AtomicInteger());
        }

        ReadsDecorated(
                PreloadStore store,
                Function<Integer, Function<SnapshotReader, SnapshotReader>> decorate,
                AtomicInteger attempts) {
            this.store = store;
            this.decorate = decorate;
            this.attempts = attempts;
        }

        @Override
        public KeyLayout layout() {
            return store.layout();
        }

        @Override
        public <T> CompletableFuture<T> readSnapshot(
                Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
            return store.readSnapshot(
                    deadline,
                    reader -> work.apply(
                            decorate.apply(attempts.incrementAndGet()).apply(reader)));
        }

        @Override
        public StoreReader latest() {
            return store.latest();
        }

        @Override
        public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
            return store.write(mutations, deadline);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** A reader whose every call goes through {@code around}. */
    private static class CallingReader implements SnapshotReader {
        private final SnapshotReader reader;
        private final CallWrapper around;

        CallingReader(SnapshotReader reader, CallWrapper around) {
            this.reader = reader;
            this.around = around;
        }

        @Override
        public CompletableFuture<Long> readVersion() {
            return around.call(reader::readVersion);
        }

        @Override
        public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
            return around.call(() -> reader.getAll(keys));
        }

        @Override
        public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
            return around.call(() -> reader.getRange(begin, end, limit));
        }
    }

    /** Runs one read call and may change its future. */
    private interface CallWrapper {
        <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call);
    }

    /**
     * Asks for the read version as soon as the attempt begins, which fixes the snapshot's version;
     * every read goes out {@link #PAST_THE_WINDOW} late, when that version is too old to read at.
     */
    private static final class LateReads extends CallingReader {
        private static final Executor LATE =
                CompletableFuture.delayedExecutor(PAST_THE_WINDOW.toMillis(), TimeUnit.MILLISECONDS);

        private final SnapshotReader reader;

        LateReads(SnapshotReader reader) {
            super(reader, new CallWrapper() {
                @Override
                public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> call) {
                    return CompletableFuture.supplyAsync(call, LATE).thenCompose(Function.identity());
                }
            });
            this.reader = reader;
            reader.readVersion();
        }

        @Override
        public CompletableFuture<Long> readVersion() {
            return reader.readVersion();
        }
    }
}
