package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.preload.PreloadOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preload step with preloads overlapping (docs/ARCHITECTURE.md, "Concurrency"): each record's
 * preload is started and the next record taken without waiting, up to {@code maxInFlight}
 * preloads and {@code maxInFlightBytes} per task; commands are forwarded strictly in the order
 * their records arrived, from the stream thread, with each record's key, timestamp and headers.
 * The statuses and the command bytes are decided by {@link PreloadCommandProcessor}, exactly as in
 * the synchronous processor.
 *
 * <p><b>Why exactly-once holds, with Streams' public API only: the durable in-flight queue.</b>
 * {@code process()} writes the record, under a sequence number, to {@link #STORE}, a changelogged
 * key-value store connected to this processor, and only then starts the preload. A command is
 * forwarded and its entry deleted in the same call. Streams flushes the store into its changelog
 * inside the task's transaction, with the input offsets and the forwarded commands. So every
 * committed state is consistent: an input offset is committed either with its command or with its
 * entry still queued, never neither and never both. After a crash the open transaction is aborted
 * (commands, entry writes, offsets together), the store is restored to the last commit, and
 * {@link #init} starts again the preload of every entry still queued, in sequence order, before
 * any new record, so a commit with preloads in flight loses nothing and duplicates nothing; a task
 * moved to another instance does the same from its restored store. Preloads are reads: running one
 * again is harmless, and only the command of the run that commits is ever visible to
 * {@code read_committed} consumers.
 *
 * <p>Threads: every queue and store access, every forward, happens on the stream thread
 * ({@code process()}, the wall-clock punctuator, {@code init}). The preload's future is only
 * completed by the store's thread; nobody registers work on it, so the store's (FoundationDB's)
 * callback thread never runs ours. {@link #close()} cancels the punctuator and drops the futures:
 * a preload finishing after it changes nothing, writes nothing, forwards nothing.
 *
 * <p>Waiting: when a bound is reached, {@code process()} waits for the oldest preload, which
 * completes by its deadline ({@code preload.deadline.ms}, then {@code STORE_ERROR}); a slow preload
 * holds back only the records queued behind it in this task.
 *
 * <p>Commits: after each record and each punctuation, {@link CommitPacer} may ask Streams to commit,
 * so forwarded commands become visible soon while the thread keeps up, and a thread working through
 * queued input commits only at Streams' interval. One instance per task.
 */
public final class AsyncPreloadProcessor extends ContextualProcessor<String, JoinedRequest, String, RoutedCommand> {
    /** The in-flight store: sequence number → {@link QueuedRequest}. */
    public static final String STORE = "actor-preload-in-flight";
    /**
     * The in-flight changelog's topic settings (applied when Streams creates it): segments roll every
     * minute and are compacted soon after, and a tombstone is kept five minutes, far longer than a
     * restore reads.
     */
    static final Map<String, String> CHANGELOG_CONFIGS = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, "60000",
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
            TopicConfig.DELETE_RETENTION_MS_CONFIG, "300000");
    /** How often completed preloads are forwarded between records. */
    static final Duration FORWARD_INTERVAL = Duration.ofMillis(5);

    private static final Logger LOG = LoggerFactory.getLogger(AsyncPreloadProcessor.class);

    private final PreloadCommandProcessor decisions;
    private final int maxInFlight;
    private final long maxInFlightBytes;
    private final long bytesPerPreload;
    private final CommitPacer commits;
    private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    private KeyValueStore<Long, byte[]> store;
    private Cancellable punctuator;
    private long nextSequence;
    private long reservedBytes;
    private InFlightMetrics metrics;

    /** A preload started and not forwarded yet. */
    private record InFlight(
            long sequence,
            QueuedRequest request,
            CompletableFuture<PreloadOutcome> outcome,
            boolean readsStore,
            long startNanos,
            long reservedBytes) {}

    private AsyncPreloadProcessor(
            PreloadCommandProcessor.Settings settings,
            int maxInFlight,
            long maxInFlightBytes,
            Duration commitMinInterval) {
        this.decisions = new PreloadCommandProcessor(settings);
        this.commits = new CommitPacer(commitMinInterval, System::nanoTime);
        this.maxInFlight = maxInFlight;
        this.maxInFlightBytes = maxInFlightBytes;
        // A preload holds at most the global budget: reserve that much per preload, known before it runs.
        this.bytesPerPreload = settings.globalBudgetBytes();
    }

    /**
     * A supplier of one processor per task, connected to its in-flight store.
     *
     * @param maxInFlight      the most preloads started and not forwarded per task; at least 1
     * @param maxInFlightBytes the most bytes their results may hold (each counted at the global budget);
     *                         one preload always runs
     * @param commitMinInterval the shortest time between the commits this processor asks for ({@link CommitPacer})
     */
    public static ProcessorSupplier<String, JoinedRequest, String, RoutedCommand> supplier(
            PreloadCommandProcessor.Settings settings,
            int maxInFlight,
            long maxInFlightBytes,
            Duration commitMinInterval) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
        }
        return new ProcessorSupplier<>() {
            @Override
            public AsyncPreloadProcessor get() {
                return new AsyncPreloadProcessor(settings, maxInFlight, maxInFlightBytes, commitMinInterval);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                // Changelogged, so the queue survives a crash and moves with its task. Cached: an entry
                // put and deleted between two commits never reaches the changelog. A restarted instance
                // restores the whole changelog before it processes anything, so it is compacted within
                // minutes rather than a week: its size follows what is in flight, not the history.
                return Set.of(Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(STORE), Serdes.Long(), Serdes.ByteArray())
                        .withCachingEnabled()
                        .withLoggingEnabled(CHANGELOG_CONFIGS));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, RoutedCommand> context) {
        super.init(context);
        decisions.init(context);
        commits.init(context);
        metrics = new InFlightMetrics(context.metrics(), context.taskId().toString());
        store = context.getStateStore(STORE);
        // Restored to the last commit before init: what is here was read and committed without its command.
        int restarted = 0;
        try (KeyValueIterator<Long, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<Long, byte[]> entry = entries.next();
                QueuedRequest request = QueuedRequest.decode(entry.value);
                start(entry.key, request);
                nextSequence = entry.key + 1;
                restarted++;
            }
        }
        if (restarted > 0) {
            LOG.info(
                    "Task {}: {} preloads were in flight at the last commit; started again",
                    context.taskId(),
                    restarted);
        }
        punctuator = context.schedule(FORWARD_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            forwardCompleted();
            commits.punctuated();
        });
    }

    @Override
    public void process(Record<String, JoinedRequest> record) {
        ActorStartRequested request = record.value().request();
        commits.processed(record.timestamp(), context().currentSystemTimeMs());
        // Everything that can refuse this record is decided now, while it is the record being
        // processed, so the processing handler dead-letters this record and not another.
        PreloadCommandProcessor.Route route = decisions.route(record.key(), request);
        decisions.requireFitsWithoutPreload(record.key(), request, route);
        forwardCompleted();
        while (!queue.isEmpty()
                && (queue.size() >= maxInFlight || reservedBytes + bytesPerPreload > maxInFlightBytes)) {
            forwardOldest();
        }
        QueuedRequest queued = new QueuedRequest(
                record.key(),
                record.timestamp(),
                new RecordHeaders(record.headers().toArray()),
                record.value(),
                route);
        long sequence = nextSequence++;
        // Durable before the preload starts: from here on a commit keeps this record's entry.
        store.put(sequence, queued.encode());
        start(sequence, queued);
        forwardCompleted();
        commits.maybeCommit();
    }

    private void start(long sequence, QueuedRequest request) {
        long start = System.nanoTime();
        PreloadCommandProcessor.StartedPreload started = decisions.preloadAsync(
                request.joined().request(), request.joined().manifest());
        queue.addLast(new InFlight(sequence, request, started.outcome(), started.readsStore(), start, bytesPerPreload));
        reservedBytes += bytesPerPreload;
        metrics.inFlight(queue.size());
    }

    /** Forwards, in order, every command whose preload and all before it have finished. */
    private void forwardCompleted() {
        while (!queue.isEmpty() && queue.peekFirst().outcome().isDone()) {
            forwardOldest();
        }
    }

    /** Waits for the oldest preload (at most its deadline), forwards its command and deletes its entry. */
    private void forwardOldest() {
        InFlight oldest = queue.peekFirst();
        PreloadOutcome outcome = oldest.outcome().join(); // completes normally, by the preload's deadline
        if (oldest.readsStore()) {
            decisions.preloadTook(System.nanoTime() - oldest.startNanos());
        }
        QueuedRequest request = oldest.request();
        RoutedCommand command;
        try {
            command = decisions.commandFor(request.key(), request.joined().request(), request.route(), outcome);
        } catch (RuntimeException e) {
            // Not this record's fault (it may be another record being processed, or a punctuation):
            // nothing is dead-lettered; the task fails and the entry, still queued, is done again.
            throw new RetryLaterException(
                    "the command of actor " + request.joined().request().getActorId() + ", queued at sequence "
                            + oldest.sequence() + ", cannot be built now: " + e);
        }
        context().forward(new Record<>(request.key(), command, request.timestamp(), request.headers()));
        commits.forwarded();
        store.delete(oldest.sequence());
        queue.removeFirst();
        reservedBytes -= oldest.reservedBytes();
    }

    @Override
    public void close() {
        if (punctuator != null) {
            punctuator.cancel();
        }
        // Their entries stay in the store: if the task committed, it did so with them queued.
        queue.forEach(inFlight -> inFlight.outcome().cancel(false));
        queue.clear();
        decisions.close();
        if (metrics != null) {
            metrics.close();
        }
    }
}
