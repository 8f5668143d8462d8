package io.actorpreload.chaos;

import io.actorpreload.demo.LocalStore;
import io.actorpreload.localstack.KafkaCluster;
import java.nio.file.Path;

/**
 * The settings of one chaos run, as parsed by {@link ChaosMain}: the {@code --quick} subset or every
 * fault, the request rate, how many runners, the store (RocksDB, or a 3-process FoundationDB cluster
 * whose own faults join the run), how many brokers (one, or a replicated cluster of three whose own
 * faults replace the single broker's), and the work folder (logs, data).
 */
record ChaosOptions(boolean quick, int rate, int runners, LocalStore.Kind store, int brokers, Path workDir) {
    ChaosOptions {
        if (brokers != 1 && brokers != KafkaCluster.REPLICATED_NODES) {
            throw new IllegalArgumentException(
                    "--brokers must be 1 or " + KafkaCluster.REPLICATED_NODES + "; got " + brokers);
        }
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("--rate must be between 1 and 1000 requests/s; got " + rate);
        }
        if (runners < 2 || runners > 10) {
            throw new IllegalArgumentException("--runners must be between 2 and 10; got " + runners);
        }
    }
}
