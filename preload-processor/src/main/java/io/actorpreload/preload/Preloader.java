package io.actorpreload.preload;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.preload.store.PreloadStore;

/**
 * Runs the budgeted snapshot preload of DESIGN.md ("The preload") for one actor against a store.
 * Thread-safe; never throws for a store failure or a passed deadline (it returns a
 * {@code STORE_ERROR} outcome instead).
 */
public final class Preloader {
    private final PreloadStore store;
    private final PreloadSettings settings;

    public Preloader(PreloadStore store, PreloadSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Preloads the start-up keys of {@code actorId} that {@code manifest} names, within
     * min(global budget, manifest budget).
     *
     * @param manifest an already validated manifest (see ManifestValidation in schemas)
     */
    public PreloadOutcome preload(String actorId, PreloadManifest manifest) {
        throw new UnsupportedOperationException("TODO issue 3");
    }
}
