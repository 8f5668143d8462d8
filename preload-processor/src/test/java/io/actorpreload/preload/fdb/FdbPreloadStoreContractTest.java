package io.actorpreload.preload.fdb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.PreloadStoreContract;
import io.actorpreload.preload.store.StoreException;
import org.slf4j.LoggerFactory;

/**
 * The store contract on FoundationDB. Runs only when a cluster file is configured (system property
 * {@value #CLUSTER_FILE_PROPERTY} or environment variable {@value #CLUSTER_FILE_ENV}) and the
 * native client libfdb_c 7.3 loads; otherwise every test is skipped with the reason. Each test
 * works under its own random root, wiped afterwards.
 */
class FdbPreloadStoreContractTest extends PreloadStoreContract {
    static final String CLUSTER_FILE_PROPERTY = "fdb.cluster.file";
    static final String CLUSTER_FILE_ENV = "FDB_CLUSTER_FILE";

    private static final String CLUSTER_FILE = System.getProperty(CLUSTER_FILE_PROPERTY, System.getenv(CLUSTER_FILE_ENV));
    private static final String UNAVAILABLE = whyUnavailable();

    private static String whyUnavailable() {
        if (CLUSTER_FILE == null || CLUSTER_FILE.isBlank()) {
            return "Skipped: no FoundationDB cluster configured. Set -D" + CLUSTER_FILE_PROPERTY + "=<path> or "
                    + CLUSTER_FILE_ENV + " to run the FoundationDB contract tests.";
        }
        try {
            FdbPreloadStore.fdb();
            return null;
        } catch (StoreException e) {
            return "Skipped: cluster file " + CLUSTER_FILE + " is configured but " + e.getMessage();
        }
    }

    static {
        if (UNAVAILABLE != null) {
            LoggerFactory.getLogger(FdbPreloadStoreContractTest.class).warn(UNAVAILABLE);
        }
    }

    @Override
    protected PreloadStore openStore(KeyLayout layout) {
        assumeTrue(UNAVAILABLE == null, UNAVAILABLE);
        return FdbPreloadStore.open(CLUSTER_FILE, layout);
    }
}
