package io.actorpreload.benchmarks.store;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A {@link PreloadStore} decorator that makes every read a simulated network round trip: the read
 * runs on the wrapped store from this store's own thread, as a networked client's reads run on its
 * network thread and not on the caller's, and its future completes {@code latency} after it was
 * issued, from that thread, without blocking anyone. Reads issued together therefore overlap, as on
 * a real networked store: the benchmark shows whether the caller waits for one read before issuing
 * the next. At latency 0 the read runs at once on the caller's thread (everything on one thread:
 * the caller's CPU bound).
 * Counts the reads and the most reads ever in flight together, and records how long each snapshot
 * read took, retries included (at latency 0 on a real networked store: the latency it gave).
 * Writes are passed on undelayed.
 *
 * <p>Thread-safe. {@link #close()} stops the scheduler and closes the wrapped store.
 */
public final class DelayedPreloadStore implements PreloadStore {
    private final PreloadStore delegate;
    private final long latencyNanos;
    private final ScheduledExecutorService scheduler;
    private final DelayedReader latest;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Recorder snapshotMicros = new Recorder(3);

    public DelayedPreloadStore(PreloadStore delegate, Duration latency) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.latencyNanos = latency.toNanos();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "delayed-store-reads");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.scheduler = executor;
        this.latest = new DelayedReader(delegate.latest());
    }

    /** Reads issued so far (non-empty point-read batches, range reads and read versions: each one round trip). */
    public long reads() {
        return reads.get();
    }

    /** The most reads that were ever waiting for their completion at the same time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** How long the snapshot reads since the last call took, in microseconds. */
    public Histogram snapshotLatencies() {
        return snapshotMicros.getIntervalHistogram();
    }

    /** Zeroes the counters. */
    public void resetCounters() {
        reads.set(0);
        maxInFlight.set(0);
    }

    @Override
    public KeyLayout layout() {
        return delegate.layout();
    }

    @Override
    public <T> CompletableFuture<T> readSnapshot(
            Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
        long start = System.nanoTime();
        return delegate.readSnapshot(deadline, reader -> work.apply(new DelayedSnapshotReader(reader)))
                .whenComplete((value, failure) -> snapshotMicros.recordValue((System.nanoTime() - start) / 1_000));
    }

    @Override
    public StoreReader latest() {
        return latest;
    }

    @Override
    public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
        return delegate.write(mutations, deadline);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        delegate.close();
    }

    private <T> CompletableFuture<T> delayed(Supplier<CompletableFuture<T>> read) {
        reads.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        CompletableFuture<T> result = new CompletableFuture<>();
        if (latencyNanos == 0) {
            completeWith(result, issue(read), 0);
        } else {
            long dueNanos = System.nanoTime() + latencyNanos;
            scheduler.execute(() -> completeWith(result, issue(read), dueNanos));
        }
        return result;
    }

    private static <T> CompletableFuture<T> issue(Supplier<CompletableFuture<T>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes {@code result} like {@code read}, at once (due 0) or on the scheduler at {@code dueNanos}. */
    private <T> void completeWith(CompletableFuture<T> result, CompletableFuture<T> read, long dueNanos) {
        read.whenComplete((value, failure) -> {
            Runnable complete = () -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            };
            if (dueNanos == 0) {
                complete.run();
            } else {
                scheduler.schedule(complete, Math.max(0, dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        });
    }

    private class DelayedReader implements StoreReader {
        private final StoreReader reader;

        DelayedReader(StoreReader reader) {
            this.reader = reader;
        }

        @Override
        public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
            // Nothing to fetch: a networked driver answers without a round trip.
            return keys.isEmpty() ? reader.getAll(keys) : delayed(() -> reader.getAll(keys));
        }

        @Override
        public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
            return delayed(() -> reader.getRange(begin, end, limit));
        }
    }

    private final class DelayedSnapshotReader extends DelayedReader implements SnapshotReader {
        private final SnapshotReader snapshot;

        DelayedSnapshotReader(SnapshotReader snapshot) {
            super(snapshot);
            this.snapshot = snapshot;
        }

        @Override
        public CompletableFuture<Long> readVersion() {
            return delayed(snapshot::readVersion);
        }
    }
}
