package io.actorpreload.topology;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.preload.PreloadOutcome;

/**
 * Runs the preload of one actor: the seam between the topology and the store.
 * {@code io.actorpreload.preload.Preloader::preload} is the production implementation; tests may
 * supply their own (e.g. one that always fails) to force a status.
 *
 * <p>Called on stream threads, possibly concurrently: implementations are thread-safe. They should
 * report a store failure as a {@code STORE_ERROR} outcome; an exception thrown anyway is treated
 * the same way by the topology.
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
}
