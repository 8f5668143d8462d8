package io.actorpreload.preload;

import static io.actorpreload.preload.TestData.bytes;
import static io.actorpreload.preload.TestData.filled;
import static io.actorpreload.preload.TestData.keysOf;
import static io.actorpreload.preload.TestData.manifest;
import static io.actorpreload.preload.TestData.prefix;
import static io.actorpreload.preload.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preload rules by example, on a real RocksDB store; each case is also checked against the model. */
class PreloaderTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path directory;

    private RocksDbPreloadStore store;
    private ActorKvWriter writer;

    @BeforeEach
    void open() {
        store = RocksDbPreloadStore.open(directory.resolve("db"));
        writer = new ActorKvWriter(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PreloadedKv preload(List<KvRecord> seeded, PreloadManifest manifest, long globalBudget) {
        writer.put("actor-1", seeded);
        PreloadOutcome outcome = new Preloader(store, new PreloadSettings(globalBudget, Duration.ofSeconds(10)))
                .preload("actor-1", manifest);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(PreloadStatus.PRELOADED);
        PreloadedKv result = outcome.preloadedKv().orElseThrow();
        assertThat(ReferencePreloadModel.withoutReadVersion(result))
                .isEqualTo(ReferencePreloadModel.expected(seeded, manifest, globalBudget));
        assertThat(result.getTotalBytes()).isLessThanOrEqualTo(Math.min(globalBudget, manifest.getMaxTotalBytes()));
        return result;
    }

    @Test
    void shouldPutAnExistingValueLargerThanTheBudgetInNeitherList() {
        // Rivet regression 1: "requested" without the value made the runtime overwrite real state.
        PreloadedKv result = preload(
                List.of(record(bytes("big"), filled(2000, 1)), record(bytes("small"), bytes("s"))),
                manifest(List.of(bytes("big"), bytes("small")), List.of(), 1000),
                MIB);

        assertThat(keysOf(result.getRequestedGetKeys())).containsExactly(bytes("small"));
        assertThat(result.getEntries()).extracting(e -> e.getKey()).containsExactly(ByteBuffer.wrap(bytes("small")));
        assertThat(result.getTotalBytes()).isEqualTo(5 + 1 + 2 + 8);
    }

    @Test
    void shouldPutAnAbsentGetKeyMetAfterTheBudgetIsSpentInNeitherList() {
        // "k" (1 + 17 + 2 + 8 = 28 bytes) spends the whole budget: "missing" is never read, so it is
        // not answered as absent; the runner asks the store.
        PreloadedKv result = preload(
                List.of(record(bytes("k"), filled(17, 1))),
                manifest(List.of(bytes("k"), bytes("missing")), List.of(), 28),
                MIB);

        assertThat(result.getTotalBytes()).isEqualTo(28);
        assertThat(keysOf(result.getRequestedGetKeys())).containsExactly(bytes("k"));
    }

    @Test
    void shouldRequestAMissingGetKey() {
        // Rivet regression 2: an absent key is an authoritative answer.
        PreloadedKv result = preload(List.of(), manifest(List.of(bytes("missing")), List.of(), 1000), MIB);

        assertThat(keysOf(result.getRequestedGetKeys())).containsExactly(bytes("missing"));
        assertThat(result.getEntries()).isEmpty();
        assertThat(result.getTotalBytes()).isZero();
    }

    @Test
    void shouldAcceptAnExactFitAndStopGetKeysOnceTheBudgetIsSpent() {
        KvRecord exact = record(bytes("k"), filled(89, 1)); // 1 + 89 + 2 + 8 = 100
        PreloadedKv result =
                preload(List.of(exact), manifest(List.of(bytes("k"), bytes("absent-after")), List.of(), 100), MIB);

        assertThat(result.getTotalBytes()).isEqualTo(100);
        assertThat(keysOf(result.getRequestedGetKeys())).containsExactly(bytes("k"));
    }

    @Test
    void shouldDropANonPartialPrefixThatOverflowsAndSpendNothingOnIt() {
        PreloadedKv result = preload(
                List.of(
                        record(bytes("p/1"), filled(50, 1)),
                        record(bytes("p/2"), filled(50, 2)),
                        record(bytes("q/1"), bytes("q"))),
                manifest(List.of(), List.of(prefix(bytes("p/"), 100, false), prefix(bytes("q/"), 100, false)), 1000),
                MIB);

        assertThat(result.getRequestedPrefixes())
                .containsExactly(new PrefixPreload(ByteBuffer.wrap(bytes("q/")), true, null));
        assertThat(result.getEntries()).hasSize(1);
        assertThat(result.getTotalBytes()).isEqualTo(3 + 1 + 2 + 8);
    }

    @Test
    void shouldKeepTheHeadOfAPartialPrefixWithResumeAfter() {
        PreloadedKv result = preload(
                List.of(
                        record(bytes("p/1"), filled(50, 1)),
                        record(bytes("p/2"), filled(50, 2)),
                        record(bytes("p/3"), filled(1, 3))),
                manifest(List.of(), List.of(prefix(bytes("p/"), 100, true)), 1000),
                MIB);

        assertThat(result.getRequestedPrefixes())
                .containsExactly(new PrefixPreload(ByteBuffer.wrap(bytes("p/")), false, ByteBuffer.wrap(bytes("p/1"))));
        assertThat(result.getEntries()).hasSize(1);
    }

    @Test
    void shouldRecordAPartialPrefixWhoseFirstEntryDoesNotFitWithNullResumeAfter() {
        PreloadedKv result = preload(
                List.of(record(bytes("p/1"), filled(500, 1))),
                manifest(List.of(), List.of(prefix(bytes("p/"), 100, true)), 1000),
                MIB);

        assertThat(result.getRequestedPrefixes())
                .containsExactly(new PrefixPreload(ByteBuffer.wrap(bytes("p/")), false, null));
        assertThat(result.getEntries()).isEmpty();
    }

    @Test
    void shouldCountAKeyTakenAsGetKeyOnceUnderAPrefix() {
        KvRecord shared = record(bytes("p/1"), filled(50, 1));
        PreloadedKv result = preload(
                List.of(shared, record(bytes("p/2"), filled(10, 2))),
                manifest(List.of(bytes("p/1")), List.of(prefix(bytes("p/"), 30, false)), 1000),
                MIB);

        assertThat(result.getEntries()).hasSize(2);
        assertThat(result.getTotalBytes()).isEqualTo(shared.preloadSize() + 3 + 10 + 2 + 8);
        assertThat(result.getRequestedPrefixes())
                .containsExactly(new PrefixPreload(ByteBuffer.wrap(bytes("p/")), true, null));
    }

    @Test
    void shouldSkipAPrefixWhenNoBudgetRemains() {
        PreloadedKv result = preload(
                List.of(record(bytes("k"), filled(89, 1)), record(bytes("p/1"), bytes("x"))),
                manifest(
                        List.of(bytes("k")),
                        List.of(prefix(bytes("p/"), 100, true), prefix(bytes("z/"), 0, true)),
                        100),
                MIB);

        assertThat(result.getRequestedPrefixes()).isEmpty();
    }

    @Test
    void shouldIncludeKeysWhoseNextByteIs0xFfAndNoKeyOfAnotherActor() {
        List<KvRecord> seeded = List.of(
                record(bytes(0x70, 0xFF), bytes("ff")),
                record(bytes(0x70, 0xFF, 0xFF), bytes("ffff")),
                record(bytes(0x70, 0x00), bytes("00")),
                record(bytes(0x71), bytes("out")));
        writer.put("actor-10", List.of(record(bytes(0x70, 0x01), bytes("other actor"))));
        PreloadedKv result = preload(seeded, manifest(List.of(), List.of(prefix(bytes(0x70), 1000, false)), 1000), MIB);

        assertThat(keysOf(result.getEntries().stream().map(e -> e.getKey()).toList()))
                .containsExactly(bytes(0x70, 0x00), bytes(0x70, 0xFF), bytes(0x70, 0xFF, 0xFF));
    }

    @Test
    void shouldBeDisabledByAGlobalBudgetOfZero() {
        PreloadOutcome outcome = new Preloader(store, new PreloadSettings(0, Duration.ofSeconds(1)))
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(outcome.status()).isEqualTo(PreloadStatus.DISABLED);
        assertThat(outcome.preloadedKv()).isEmpty();
    }

    @Test
    void shouldStampThePreloadWithTheTimeOfItsSnapshotRead() {
        writer.put("actor-1", List.of(record(bytes("k"), bytes("v"))));
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults())
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 100));

        Instant after = Instant.now();
        assertThat(outcome.preloadedKv().orElseThrow().getPreloadedAt()).isBetween(before, after);
    }

    @Test
    void shouldSayWhichKindOfFailureAStoreErrorIs() {
        store.close();
        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults())
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(outcome.failure())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("store-error: "));
    }

    @Test
    void shouldBeDisabledByAManifestBudgetOfZero() {
        writer.put("actor-1", List.of(record(bytes("k"), bytes("v"))));

        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults())
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 0));

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(PreloadStatus.DISABLED);
        assertThat(outcome.preloadedKv()).isEmpty();
    }

    @Test
    void shouldReturnAStoreErrorWhenTheStoreIsClosed() {
        store.close();
        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults())
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        assertThat(outcome.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("closed"));
    }

    @Test
    void shouldReturnAStoreErrorWhenTheSnapshotNeverCompletesBeforeTheDeadline() {
        PreloadStore stuck = new ForwardingStore(store) {
            @Override
            public <T> CompletableFuture<T> readSnapshot(
                    Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
                return new CompletableFuture<>();
            }
        };
        PreloadOutcome outcome = new Preloader(stuck, new PreloadSettings(MIB, Duration.ofMillis(50)))
                .preload("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        assertThat(outcome.failure())
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("timeout: ").contains("deadline"));
    }

    @Test
    void shouldReturnAStoreErrorWhenTheWorkThrows() {
        PreloadStore failing = new ForwardingStore(store) {
            @Override
            public <T> CompletableFuture<T> readSnapshot(
                    Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
                throw new StoreException("disk on fire");
            }
        };
        PreloadOutcome outcome = new Preloader(failing, PreloadSettings.defaults())
                .preload("actor-1", manifest(List.of(), List.of(), 100));
        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        assertThat(outcome.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("disk on fire"));
    }

    @Test
    void shouldReturnAtOnceAndCompleteWithAStoreErrorByTheDeadlineWhenTheSnapshotNeverCompletes() {
        CompletableFuture<Object> neverAnswered = new CompletableFuture<>();
        PreloadStore stuck = new ForwardingStore(store) {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<T> readSnapshot(
                    Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
                return (CompletableFuture<T>) neverAnswered;
            }
        };
        CompletableFuture<PreloadOutcome> started = new Preloader(
                        stuck, new PreloadSettings(MIB, Duration.ofMillis(50)))
                .preloadAsync("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(started).as("returned before the store answered").isNotDone();
        PreloadOutcome outcome = started.join(); // the deadline (plus grace) completes it; join never throws here
        assertThat(outcome.status()).isEqualTo(PreloadStatus.STORE_ERROR);
        assertThat(outcome.failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("deadline"));
    }

    @Test
    void shouldCompleteNormallyWithAStoreErrorWhenTheSnapshotFails() {
        PreloadStore failing = new ForwardingStore(store) {
            @Override
            public <T> CompletableFuture<T> readSnapshot(
                    Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
                return CompletableFuture.failedFuture(new StoreException("disk on fire"));
            }
        };
        CompletableFuture<PreloadOutcome> started = new Preloader(failing, PreloadSettings.defaults())
                .preloadAsync("actor-1", manifest(List.of(bytes("k")), List.of(), 100));
        assertThat(started).isCompleted().isNotCompletedExceptionally();
        assertThat(started.join().failure())
                .hasValueSatisfying(reason -> assertThat(reason).contains("disk on fire"));
    }

    @Test
    void shouldPreloadTheSameAsynchronouslyAsBlocking() {
        List<KvRecord> seeded = List.of(record(bytes("state"), filled(300, 1)));
        writer.put("actor-1", seeded);
        PreloadManifest manifest = manifest(List.of(bytes("state")), List.of(), 10_000);
        Preloader preloader = new Preloader(store, PreloadSettings.defaults());
        PreloadOutcome async = preloader.preloadAsync("actor-1", manifest).join();
        assertThat(async.status()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(ReferencePreloadModel.withoutReadVersion(async.preloadedKv().orElseThrow()))
                .isEqualTo(ReferencePreloadModel.withoutReadVersion(
                        preloader.preload("actor-1", manifest).preloadedKv().orElseThrow()));
    }

    /** A store that forwards to another; tests override one method to inject a failure. */
    private static class ForwardingStore implements PreloadStore {
        private final PreloadStore delegate;

        ForwardingStore(PreloadStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public KeyLayout layout() {
            return delegate.layout();
        }

        @Override
        public <T> CompletableFuture<T> readSnapshot(
                Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
            return delegate.readSnapshot(deadline, work);
        }

        @Override
        public StoreReader latest() {
            return delegate.latest();
        }

        @Override
        public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
            return delegate.write(mutations, deadline);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
