package io.actorpreload.topology;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.preload.PreloadOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A fake store behind {@link PreloadFunction} whose preloads complete when the test says, in any
 * order: {@code outcomes} gives each actor's outcome (or throws); {@link #complete} finishes one
 * started preload. A preload the processor waits for ({@code join}) completes then, as a real one
 * does by its deadline, so a test never deadlocks on a bound. Used on the test thread only.
 */
final class ControlledPreloads implements PreloadFunction {
    private final Function<String, PreloadOutcome> outcomes;
    private final Map<String, OnDemand<PreloadOutcome>> pending = new LinkedHashMap<>();
    private final List<String> started = new ArrayList<>();
    private int waitedFor;

    ControlledPreloads(Function<String, PreloadOutcome> outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public PreloadOutcome preload(String actorId, PreloadManifest manifest) {
        started.add(actorId);
        return outcomes.apply(actorId);
    }

    @Override
    public CompletableFuture<PreloadOutcome> preloadAsync(String actorId, PreloadManifest manifest) {
        started.add(actorId);
        OnDemand<PreloadOutcome> future = new OnDemand<>(null);
        future.root = future;
        future.completer = () -> {
            waitedFor++;
            finish(actorId, future);
        };
        pending.put(actorId, future);
        return future;
    }

    /** Completes the preload of {@code actorId}, which must be running. */
    void complete(String actorId) {
        OnDemand<PreloadOutcome> future = pending.get(actorId);
        if (future == null) {
            throw new IllegalStateException("no preload of " + actorId + " is running");
        }
        finish(actorId, future);
    }

    /** The actors whose preloads are running, oldest first. */
    List<String> running() {
        return List.copyOf(pending.keySet());
    }

    /** Every preload started, in order (a restart starts some again). */
    List<String> started() {
        return started;
    }

    /** How many preloads the processor had to wait for. */
    int waitedFor() {
        return waitedFor;
    }

    private void finish(String actorId, OnDemand<PreloadOutcome> future) {
        pending.remove(actorId);
        try {
            future.complete(outcomes.apply(actorId));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }

    /** A future that completes its root when someone waits for it. */
    private static final class OnDemand<T> extends CompletableFuture<T> {
        private OnDemand<?> root;
        private Runnable completer;

        OnDemand(OnDemand<?> root) {
            this.root = root;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new OnDemand<>(root);
        }

        @Override
        public T join() {
            if (!isDone() && root != null && !root.isDone()) {
                root.completer.run();
            }
            return super.join();
        }
    }
}
