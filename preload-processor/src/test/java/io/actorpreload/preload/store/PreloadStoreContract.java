package io.actorpreload.preload.store;

import static io.actorpreload.preload.TestData.bytes;
import static io.actorpreload.preload.TestData.filled;
import static io.actorpreload.preload.TestData.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import com.apple.foundationdb.tuple.Tuple;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.ReferencePreloadModel;
import io.actorpreload.preload.TestData;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.layout.StoredMetadata;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PreloadStore} driver must show, run against each driver by a
 * subclass. Each test gets a store whose layout root is unique and wiped, so tests never see each
 * other's rows.
 */
public abstract class PreloadStoreContract {
    private static final Instant FAR = Instant.now().plusSeconds(3600);

    protected PreloadStore store;
    protected KeyLayout layout;
    protected ActorKvWriter writer;

    /** Opens a store of the driver under test with {@code layout}; its rows under the root are wiped. */
    protected abstract PreloadStore openStore(KeyLayout layout) throws Exception;

    @BeforeEach
    void openFreshStore() throws Exception {
        layout = KeyLayout.withRoot(Tuple.from("contract", UUID.randomUUID().toString()));
        store = openStore(layout);
        writer = new ActorKvWriter(store);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            byte[] root = layout.root().pack();
            store.write(List.of(new Mutation.ClearRange(root, ByteArrayUtil.strinc(root))), FAR);
            store.close();
        }
    }

    @Test
    void shouldReadBackValuesOfEverySizeAndAdversarialKeys() {
        List<KvRecord> records = List.of(
                record(new byte[0], filled(0, 1)),
                record(bytes(0x00), filled(1, 2)),
                record(bytes(0xFF), filled(KeyLayout.CHUNK_SIZE_BYTES, 3)),
                record(bytes(0x00, 0xFF, 0x00), filled(KeyLayout.CHUNK_SIZE_BYTES + 1, 4)),
                record(bytes(0xFF, 0xFF), filled(25_000, 5)));
        writer.put("a1", records);
        ActorKvReader reader = new ActorKvReader(store);
        for (KvRecord expected : records) {
            KvRecord actual = reader.get("a1", expected.key()).orElseThrow();
            assertThat(actual.value()).isEqualTo(expected.value());
            assertThat(actual.version()).isEqualTo(expected.version());
            assertThat(actual.updateTs()).isEqualTo(expected.updateTs());
        }
        assertThat(reader.get("a10", bytes(0x00))).isEmpty();
        assertThat(reader.get("a1", bytes(0x01))).isEmpty();
    }

    @Test
    void shouldStoreExactlyTheLayoutRows() {
        byte[] value = filled(KeyLayout.CHUNK_SIZE_BYTES + 5, 7);
        writer.put("a1", List.of(record(bytes("k"), value)));
        KeyRange actor = layout.actorRange("a1");
        RangeBatch rows = store.latest()
                .getRange(actor.begin(), actor.end(), RangeLimit.rows(100))
                .join();

        assertThat(rows.rows())
                .extracting(StoredRow::key)
                .containsExactly(
                        layout.metadataKey("a1", bytes("k")),
                        layout.chunkKey("a1", bytes("k"), 0),
                        layout.chunkKey("a1", bytes("k"), 1));
        assertThat(rows.rows().get(0).value())
                .isEqualTo(layout.encodeMetadata(
                        new StoredMetadata(bytes("v1"), TestData.UPDATED.toEpochMilli(), value.length)));
        assertThat(rows.rows().get(1).value()).hasSize(KeyLayout.CHUNK_SIZE_BYTES);
        assertThat(rows.rows().get(2).value()).hasSize(5);
    }

    @Test
    void shouldReplaceEveryOldChunkOnPut() {
        writer.put("a1", List.of(record(bytes("k"), filled(25_000, 1))));
        writer.put("a1", List.of(record(bytes("k"), bytes("small"))));
        KeyRange rows = layout.userKeyRows("a1", bytes("k"));

        assertThat(store.latest()
                        .getRange(rows.begin(), rows.end(), RangeLimit.rows(100))
                        .join()
                        .rows())
                .hasSize(2);
        assertThat(new ActorKvReader(store).get("a1", bytes("k")).orElseThrow().value())
                .isEqualTo(bytes("small"));
    }

    @Test
    void shouldDeleteKeysAndActorsWithoutTouchingNeighbours() {
        writer.put("a1", List.of(record(bytes("k"), filled(12_000, 1)), record(bytes("k2"), bytes("x"))));
        writer.put("a10", List.of(record(bytes("k"), bytes("other"))));
        writer.delete("a1", List.of(bytes("k"), bytes("never-written")));
        ActorKvReader reader = new ActorKvReader(store);

        assertThat(reader.get("a1", bytes("k"))).isEmpty();
        assertThat(reader.get("a1", bytes("k2"))).isPresent();
        writer.deleteActor("a1");
        assertThat(reader.get("a1", bytes("k2"))).isEmpty();
        assertThat(reader.get("a10", bytes("k")).orElseThrow().value()).isEqualTo(bytes("other"));
    }

    @Test
    void shouldStopRangeReadsAtTheRowAndByteLimitsAndContinue() {
        List<KvRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record(bytes("k" + i), filled(100, i)));
        }
        writer.put("a1", records);
        KeyRange actor = layout.actorRange("a1");

        RangeBatch first = store.latest()
                .getRange(actor.begin(), actor.end(), RangeLimit.rows(3))
                .join();
        assertThat(first.rows()).hasSize(3);
        assertThat(first.limitReached()).isTrue();
        RangeBatch oneRow = store.latest()
                .getRange(actor.begin(), actor.end(), RangeLimit.bytes(1))
                .join();
        assertThat(oneRow.rows()).hasSize(1);

        List<StoredRow> all = new ArrayList<>(first.rows());
        RangeBatch batch = first;
        while (batch.limitReached()) {
            batch = store.latest()
                    .getRange(batch.continueFrom().orElseThrow(), actor.end(), RangeLimit.rows(3))
                    .join();
            all.addAll(batch.rows());
        }
        assertThat(all)
                .extracting(StoredRow::key)
                .containsExactlyElementsOf(
                        store
                                .latest()
                                .getRange(actor.begin(), actor.end(), RangeLimit.rows(1000))
                                .join()
                                .rows()
                                .stream()
                                .map(StoredRow::key)
                                .toList());
        assertThat(all).hasSize(10);
    }

    @Test
    void shouldExcludeTheRangeEnd() {
        writer.put("a1", List.of(record(bytes("a"), bytes("1")), record(bytes("b"), bytes("2"))));
        byte[] end = layout.metadataKey("a1", bytes("b"));
        KeyRange actor = layout.actorRange("a1");

        List<StoredRow> rows = store.latest()
                .getRange(actor.begin(), end, RangeLimit.rows(100))
                .join()
                .rows();
        assertThat(rows)
                .extracting(StoredRow::key)
                .containsExactly(layout.metadataKey("a1", bytes("a")), layout.chunkKey("a1", bytes("a"), 0));
    }

    @Test
    void shouldReadRangesOfOneSnapshotInAnyOrderAsTheLatestStateReadsThem() {
        writer.put(
                "a1",
                List.of(
                        record(bytes("a"), bytes("1")),
                        record(bytes("b"), filled(25_000, 2)),
                        record(bytes("c"), bytes("3"))));
        writer.put("a2", List.of(record(bytes("a"), bytes("4"))));
        List<KeyRange> ranges = List.of(
                layout.userKeyRows("a1", bytes("c")),
                layout.userKeyRows("a1", bytes("a")),
                layout.actorRange("a2"),
                layout.userKeyRows("a1", bytes("missing")),
                layout.actorRange("a1"),
                layout.userKeyRows("a1", bytes("b")),
                layout.userKeyRows("a1", bytes("a")));

        List<List<byte[]>> inSnapshot = store.readSnapshot(FAR, reader -> {
                    List<List<byte[]>> keys = new ArrayList<>();
                    CompletableFuture<Void> reads = CompletableFuture.completedFuture(null);
                    for (KeyRange range : ranges) {
                        reads = reads.thenCompose(
                                        ignored -> reader.getRange(range.begin(), range.end(), RangeLimit.rows(100)))
                                .thenAccept(batch -> keys.add(batch.rows().stream()
                                        .map(StoredRow::key)
                                        .toList()));
                    }
                    return reads.thenApply(ignored -> keys);
                })
                .join();

        assertThat(inSnapshot).hasSameSizeAs(ranges);
        for (int i = 0; i < ranges.size(); i++) {
            KeyRange range = ranges.get(i);
            List<byte[]> latest =
                    store.latest().getRange(range.begin(), range.end(), RangeLimit.rows(100)).join().rows().stream()
                            .map(StoredRow::key)
                            .toList();
            assertThat(inSnapshot.get(i)).as("range %d", i).containsExactlyElementsOf(latest);
        }
        assertThat(inSnapshot.get(2)).hasSize(2);
        assertThat(inSnapshot.get(3)).isEmpty();
        assertThat(inSnapshot.get(4)).hasSize(2 + 4 + 2);
    }

    @Test
    void shouldGetAllInOrderWithNullForAbsentKeys() {
        writer.put("a1", List.of(record(bytes("a"), bytes("1"))));
        List<byte[]> values = store.latest()
                .getAll(List.of(layout.chunkKey("a1", bytes("missing"), 0), layout.chunkKey("a1", bytes("a"), 0)))
                .join();
        assertThat(values).hasSize(2);
        assertThat(values.get(0)).isNull();
        assertThat(values.get(1)).isEqualTo(bytes("1"));
    }

    @Test
    void shouldNotSeeWritesCommittedAfterTheSnapshotBegan() {
        writer.put("a1", List.of(record(bytes("k"), bytes("before"))));
        byte[] chunk = layout.chunkKey("a1", bytes("k"), 0);

        long[] versions = new long[2];
        byte[] seen = store.readSnapshot(
                        FAR,
                        reader -> reader.readVersion()
                                .thenCompose(version -> {
                                    versions[0] = version;
                                    writer.put("a1", List.of(record(bytes("k"), bytes("after!"))));
                                    return reader.getAll(List.of(chunk));
                                })
                                .thenApply(values -> values.get(0)))
                .join();
        store.readSnapshot(FAR, reader -> reader.readVersion().thenAccept(version -> versions[1] = version))
                .join();

        assertThat(seen).isEqualTo(bytes("before"));
        assertThat(new ActorKvReader(store).get("a1", bytes("k")).orElseThrow().value())
                .isEqualTo(bytes("after!"));
        assertThat(versions[1]).isGreaterThan(versions[0]);
    }

    @Test
    void shouldFailReadsPastTheDeadline() {
        CompletableFuture<List<byte[]>> read =
                store.readSnapshot(Instant.now().minusSeconds(1), reader -> reader.getAll(List.of(bytes("x"))));
        assertThatThrownBy(read::join)
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreTimeoutException.class);
    }

    @Test
    void shouldPreloadLikeTheReferenceModel() {
        List<KvRecord> records = List.of(
                record(bytes("state"), filled(4096, 1)),
                record(bytes("conn/1"), filled(512, 2)),
                record(bytes("conn/2"), filled(512, 3)),
                record(bytes("page/1"), filled(15_000, 4)),
                record(bytes("page/2"), filled(15_000, 5)));
        writer.put("a1", records);
        writer.put("a10", List.of(record(bytes("conn/3"), bytes("not mine"))));
        var manifest = TestData.manifest(
                List.of(bytes("state"), bytes("missing")),
                List.of(TestData.prefix(bytes("conn/"), 10_000, false), TestData.prefix(bytes("page/"), 20_000, true)),
                1 << 20);

        PreloadOutcome outcome = new Preloader(store, PreloadSettings.defaults()).preload("a1", manifest);

        assertThat(outcome.status()).isEqualTo(PreloadStatus.PRELOADED);
        PreloadedKv preloaded = outcome.preloadedKv().orElseThrow();
        assertThat(ReferencePreloadModel.withoutReadVersion(preloaded))
                .isEqualTo(ReferencePreloadModel.expected(
                        records, manifest, ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES));
        assertThat(preloaded.getReadVersion()).isPositive();
    }

    @Test
    void shouldFailEveryOperationAfterCloseSayingTheStoreIsClosed() {
        writer.put("a1", List.of(record(bytes("k"), bytes("v"))));
        KeyRange actor = layout.actorRange("a1");
        store.close();
        store.close(); // idempotent

        for (Operation operation : everyOperation(actor)) {
            assertFailsClosed(operation.name(), operation.start(store));
        }
        store = null;
    }

    /**
     * Operations issued while {@code close()} runs may complete or fail as closed, in any order (a
     * driver whose futures complete later may fail an early one and complete a later one); every
     * operation issued after {@code close()} returned must fail as closed. Each thread goes on until
     * it has issued a round after the close.
     */
    @Test
    void shouldFailOperationsRacingACloseTheSameWay() throws Exception {
        writer.put("a1", List.of(record(bytes("k"), bytes("v"))));
        KeyRange actor = layout.actorRange("a1");
        List<Operation> operations = everyOperation(actor);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch running = new CountDownLatch(threads);
        AtomicBoolean closeReturned = new AtomicBoolean();
        List<Future<List<Started>>> issued = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                issued.add(pool.submit(() -> issueUntilAfterClose(operations, running, closeReturned)));
            }
            running.await();
            store.close();
            closeReturned.set(true);
            int completed = 0;
            int failedClosed = 0;
            for (Future<List<Started>> thread : issued) {
                List<Started> started = thread.get(1, TimeUnit.MINUTES);
                assertThat(started)
                        .as("operations a thread issued after close() returned")
                        .anyMatch(Started::afterClose);
                for (Started operation : started) {
                    // A bounded wait only to turn a hang into a failure; no time is asserted.
                    Throwable failure = outcome(operation.future());
                    if (failure == null) {
                        assertThat(operation.afterClose())
                                .as("%s issued after close() returned completed", operation.name())
                                .isFalse();
                        completed++;
                    } else {
                        assertClosedCause(operation.name(), failure);
                        failedClosed++;
                    }
                }
            }
            System.out.println("Racing close on " + store + ": " + completed + " operations completed, " + failedClosed
                    + " failed as closed");
        } finally {
            pool.shutdownNow();
        }
        store = null;
    }

    /** One SPI call: every operation a caller can start, so the closed-store rules cover them all. */
    protected record Operation(String name, Function<PreloadStore, CompletableFuture<?>> call) {
        CompletableFuture<?> start(PreloadStore target) {
            return call.apply(target);
        }
    }

    private record Started(String name, CompletableFuture<?> future, boolean afterClose) {}

    private List<Operation> everyOperation(KeyRange actor) {
        byte[] chunk = layout.chunkKey("a1", bytes("k"), 0);
        return List.of(
                new Operation("readSnapshot(readVersion)", s -> s.readSnapshot(FAR, SnapshotReader::readVersion)),
                new Operation(
                        "readSnapshot(getAll)", s -> s.readSnapshot(FAR, reader -> reader.getAll(List.of(chunk)))),
                new Operation(
                        "readSnapshot(getRange)",
                        s -> s.readSnapshot(
                                FAR, reader -> reader.getRange(actor.begin(), actor.end(), RangeLimit.rows(10)))),
                new Operation("latest().getAll", s -> s.latest().getAll(List.of(chunk))),
                new Operation("latest().getAll(no keys)", s -> s.latest().getAll(List.of())),
                new Operation(
                        "latest().getRange", s -> s.latest().getRange(actor.begin(), actor.end(), RangeLimit.rows(10))),
                new Operation("write", s -> s.write(List.of(new Mutation.Set(chunk, bytes("v"))), FAR)),
                new Operation("write(nothing)", s -> s.write(List.of(), FAR)));
    }

    /**
     * Issues every operation in turn, round after round, until it has issued one whole round after
     * {@code closeReturned} was set (at most a million rounds), each operation marked with whether
     * the close had returned before it was issued.
     */
    private List<Started> issueUntilAfterClose(
            List<Operation> operations, CountDownLatch running, AtomicBoolean closeReturned) throws Exception {
        List<Started> started = new ArrayList<>();
        for (int round = 0; round < 1_000_000; round++) {
            boolean afterClose = closeReturned.get();
            for (Operation operation : operations) {
                started.add(new Started(operation.name(), operation.start(store), afterClose));
            }
            if (round == 0) {
                running.countDown();
            }
            if (afterClose) {
                return started;
            }
            // Wait for this round so a driver that completes later does not pile up unbounded work.
            for (int i = started.size() - operations.size(); i < started.size(); i++) {
                outcome(started.get(i).future());
            }
        }
        return started;
    }

    /** Null when {@code future} completed normally, else the cause it failed with. */
    private static Throwable outcome(CompletableFuture<?> future) throws Exception {
        try {
            future.get(1, TimeUnit.MINUTES);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static void assertFailsClosed(String operation, CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(future::join);
        assertThat(thrown).as("%s after close", operation).isInstanceOf(CompletionException.class);
        assertClosedCause(operation, thrown.getCause());
    }

    private static void assertClosedCause(String operation, Throwable cause) {
        assertThat(cause).as(operation).isExactlyInstanceOf(StoreException.class);
        assertThat(cause.getMessage()).as(operation).containsIgnoringCase("closed");
    }
}
