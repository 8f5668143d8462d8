package io.actorpreload.chaos;

import io.actorpreload.demo.LocalStore;
import java.nio.file.Path;

/**
 * The settings of one chaos run, as parsed by {@link ChaosMain}: the {@code --quick} subset or every
 * fault, the request rate, how many runners, the store (RocksDB, or a 3-process FoundationDB cluster
 * whose own faults join the run), and the work folder (logs, data).
 */
record ChaosOptions(boolean quick, int rate, int runners, LocalStore.Kind store, Path workDir) {
    ChaosOptions {
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("--rate must be between 1 and 1000 requests/s; got " + rate);
        }
        if (runners < 2 || runners > 10) {
            throw new IllegalArgumentException("--runners must be between 2 and 10; got " + runners);
        }
    }
}
