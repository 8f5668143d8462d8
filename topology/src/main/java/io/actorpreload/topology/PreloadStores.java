package io.actorpreload.topology;

import com.apple.foundationdb.tuple.Tuple;
import io.actorpreload.preload.fdb.FdbPreloadStore;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.PreloadStore;
import java.nio.file.Path;

/** Opens the store a configuration names. Stateless. */
public final class PreloadStores {
    private PreloadStores() {}

    /**
     * Opens the configured store: RocksDB in {@code store.rocksdb.data.dir}, or FoundationDB through
     * {@code store.fdb.cluster.file}; either with its rows under {@code store.root.prefix}.
     * The caller owns the store and closes it.
     */
    public static PreloadStore open(PreloadTopologyConfig config) {
        KeyLayout layout = KeyLayout.withRoot(root(config.getString(PreloadTopologyConfig.STORE_ROOT_PREFIX_CONFIG)));
        return switch (config.storeType()) {
            case ROCKSDB ->
                RocksDbPreloadStore.open(
                        Path.of(config.getString(PreloadTopologyConfig.ROCKSDB_DATA_DIR_CONFIG)), layout);
            case FDB -> {
                String clusterFile = config.getString(PreloadTopologyConfig.FDB_CLUSTER_FILE_CONFIG);
                yield FdbPreloadStore.open(clusterFile.isBlank() ? null : clusterFile, layout);
            }
        };
    }

    /** {@code "a/b"} → the tuple ("a", "b"). */
    static Tuple root(String prefix) {
        Tuple root = new Tuple();
        for (String element : prefix.split("/")) {
            if (!element.isEmpty()) {
                root = root.add(element);
            }
        }
        return root;
    }
}
