package io.actorpreload.preload.rocksdb;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.PreloadStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded RocksDB driver, a fresh database directory per test. */
class RocksDbPreloadStoreContractTest extends PreloadStoreContract {
    @TempDir
    Path directory;

    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        return RocksDbPreloadStore.open(directory.resolve("db"), layout);
    }
}
