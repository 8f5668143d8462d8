package io.actorpreload.preload.fdb;

import io.actorpreload.preload.PreloaderProperties;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The reference-model properties through {@code Preloader} on a live FoundationDB server, each
 * scenario under a root of its own. Skipped, saying why, where no FoundationDB is configured.
 */
@AddLifecycleHook(LiveFoundationDb.class)
class FdbPreloaderProperties extends PreloaderProperties {
    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        return LiveFoundationDb.open(layout);
    }
}
