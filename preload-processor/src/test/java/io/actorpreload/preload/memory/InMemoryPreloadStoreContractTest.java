package io.actorpreload.preload.memory;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.PreloadStoreContract;

/** The store contract on the in-memory store the runner test kit preloads from. */
class InMemoryPreloadStoreContractTest extends PreloadStoreContract {
    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        return InMemoryPreloadStore.create(layout);
    }
}
