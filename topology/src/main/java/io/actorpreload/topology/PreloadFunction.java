package io.actorpreload.topology;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.Preloader;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the preload of one actor: the seam between the topology and the store.
 * {@code io.actorpreload.preload.Preloader::preload} is the production implementation; tests may
 * supply their own (e.g. one that always fails) to force a status.
 *
 * <p>Called on stream threads, possibly concurrently: implementations are thread-safe. They should
 * report a store failure as a {@code STORE_ERROR} outcome; an exception thrown anyway is treated
 * the same way by the topology.
 *
 * <p>With {@code preload.max.in.flight} above 1 the topology calls {@link #preloadAsync} instead
 * and goes on with the next record while the preload runs; {@link #of(Preloader)} gives a function
 * whose {@code preloadAsync} does not block. The default {@code preloadAsync} runs the blocking
 * {@link #preload}, so a plain lambda still works, only without overlap.
 */
@FunctionalInterface
public interface PreloadFunction {
    /**
     * @param actorId  the actor whose keys to read; never null
     * @param manifest the validated manifest of the actor's type; never null. Decoded once per
     *                 manifest version and shared by every request of that type: read it, never change it
     * @return the outcome; never null
     */
    PreloadOutcome preload(String actorId, PreloadManifest manifest);

    /**
     * Starts the preload and returns without waiting for the store. The future completes normally
     * (a failure is a {@code STORE_ERROR} outcome), by the preload's deadline at the latest, possibly
     * on a store thread: the topology only hands its outcome over to the stream thread there.
     * This default runs {@link #preload} on the caller's thread.
     */
    default CompletableFuture<PreloadOutcome> preloadAsync(String actorId, PreloadManifest manifest) {
        try {
            return CompletableFuture.completedFuture(preload(actorId, manifest));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The production function: {@link Preloader#preload} and, not blocking, {@link Preloader#preloadAsync}. */
    static PreloadFunction of(Preloader preloader) {
        return new PreloadFunction() {
            @Override
            public PreloadOutcome preload(String actorId, PreloadManifest manifest) {
                return preloader.preload(actorId, manifest);
            }

            @Override
            public CompletableFuture<PreloadOutcome> preloadAsync(String actorId, PreloadManifest manifest) {
                return preloader.preloadAsync(actorId, manifest);
            }
        };
    }
}
