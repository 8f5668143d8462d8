package io.actorpreload.localstack;

import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FoundationDB per JVM for the tests, like {@link SharedLocalStack}: a single-process server
 * ({@link #get()}) and, only for the tests that ask, a 3-process cluster with double replication
 * ({@link #replicated()}), each started on first use from the configured
 * {@link FoundationDbInstallation} and closed (processes stopped, data deleted) by a JVM shutdown
 * hook. Tests share them, so each must keep its rows under a root of its own.
 *
 * <p>Where no installation is configured, {@link #unavailableReason()} says so and tests skip with
 * that reason. A configured folder that is not an installation, or a server that does not start,
 * fails the tests instead: a build told to run FoundationDB must not pass without it. Thread-safe;
 * a failed start is not tried again.
 */
public final class SharedFoundationDb {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFoundationDb.class);

    private static FoundationDbCluster single;
    private static FoundationDbCluster replicated;
    private static RuntimeException startFailure;

    private SharedFoundationDb() {}

    /**
     * Why the FoundationDB tests cannot run here: empty when an installation is configured.
     *
     * @throws LocalStackException when the setting names a folder that is not an installation
     */
    public static Optional<String> unavailableReason() {
        return FoundationDbInstallation.find().isPresent()
                ? Optional.empty()
                : Optional.of("Skipped: " + FoundationDbInstallation.notConfiguredReason());
    }

    /**
     * The JVM's single-process FoundationDB, started on the first call. Callers must not close it.
     *
     * @throws LocalStackException when no installation is configured or the server does not start
     */
    public static synchronized FoundationDbCluster get() {
        if (single == null) {
            single = start("fdb-", false);
        }
        return single;
    }

    /**
     * The JVM's 3-process FoundationDB with double replication, for fault tests, started on the
     * first call. Callers may kill and restart its processes but must leave every one running when
     * they are done, and must not close it.
     *
     * @throws LocalStackException when no installation is configured or the cluster does not start
     */
    public static synchronized FoundationDbCluster replicated() {
        if (replicated == null) {
            replicated = start("fdb-replicated-", true);
        }
        return replicated;
    }

    private static FoundationDbCluster start(String prefix, boolean threeProcesses) {
        if (startFailure != null) {
            throw new LocalStackException(
                    "FoundationDB failed to start earlier: " + startFailure.getMessage(), startFailure);
        }
        try {
            FoundationDbInstallation installation = FoundationDbInstallation.find()
                    .orElseThrow(() -> new LocalStackException(FoundationDbInstallation.notConfiguredReason()));
            Path workDir = WorkDirs.create(prefix);
            LOG.info("Starting the shared FoundationDB from {} in {}", installation.home(), workDir);
            FoundationDbCluster cluster = threeProcesses
                    ? FoundationDbCluster.startReplicated(installation, workDir)
                    : FoundationDbCluster.startSingle(installation, workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, prefix + "shutdown"));
            return cluster;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }
}
