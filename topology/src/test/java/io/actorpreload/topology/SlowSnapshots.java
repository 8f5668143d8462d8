package io.actorpreload.topology;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The real store with every snapshot read answered {@code delay} late, from a scheduler thread,
 * as a networked store would: nobody blocks, so snapshot reads issued together overlap. Does not
 * own the store it wraps; {@link #close()} stops the scheduler only.
 */
final class SlowSnapshots implements PreloadStore {
    private final PreloadStore store;
    private final long delayNanos;
    private final AtomicLong snapshots = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slow-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    SlowSnapshots(PreloadStore store, Duration delay) {
        this.store = store;
        this.delayNanos = delay.toNanos();
    }

    long snapshots() {
        return snapshots.get();
    }

    @Override
    public KeyLayout layout() {
        return store.layout();
    }

    @Override
    public <T> CompletableFuture<T> readSnapshot(
            Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
        snapshots.incrementAndGet();
        CompletableFuture<T> late = new CompletableFuture<>();
        store.readSnapshot(deadline, work)
                .whenComplete((value, failure) -> scheduler.schedule(
                        () -> {
                            if (failure != null) {
                                late.completeExceptionally(failure);
                            } else {
                                late.complete(value);
                            }
                        },
                        delayNanos,
                        TimeUnit.NANOSECONDS));
        return late;
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
        scheduler.shutdownNow();
    }
}
