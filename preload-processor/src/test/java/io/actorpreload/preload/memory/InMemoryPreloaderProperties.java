package io.actorpreload.preload.memory;

import io.actorpreload.preload.PreloaderProperties;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;

/** The reference-model properties on the in-memory store the runner test kit preloads from. */
class InMemoryPreloaderProperties extends PreloaderProperties {
    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        return InMemoryPreloadStore.create(layout);
    }
}
