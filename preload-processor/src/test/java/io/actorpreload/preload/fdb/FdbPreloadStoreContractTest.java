package io.actorpreload.preload.fdb;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.PreloadStoreContract;

/**
 * The store contract on a live FoundationDB server ({@link LiveFoundationDb}), each test under its
 * own random root, wiped afterwards. Skipped, saying why, where no FoundationDB is configured.
 */
class FdbPreloadStoreContractTest extends PreloadStoreContract {
    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        LiveFoundationDb.assumeAvailable();
        return LiveFoundationDb.open(layout);
    }
}
