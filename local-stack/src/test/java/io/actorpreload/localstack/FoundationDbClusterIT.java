package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FoundationDB servers of their own (not the shared ones), started from the configured
 * installation: a key written before a process is killed is read back after, from the surviving
 * replica on the replicated cluster and from the restarted server on the single one; closing stops
 * every process and deletes the data. Skipped, saying why, where no installation is configured.
 */
class FoundationDbClusterIT {
    @BeforeEach
    void requireFoundationDb() {
        assumeTrue(
                SharedFoundationDb.unavailableReason().isEmpty(),
                SharedFoundationDb.unavailableReason().orElse(""));
    }

    @Test
    void shouldKeepItsDataAcrossAKillAndRestartOfTheSingleServer() {
        Path workDir = WorkDirs.create("fdb-single-it-");
        FoundationDbCluster cluster =
                FoundationDbCluster.startSingle(FoundationDbInstallation.find().orElseThrow(), workDir);
        ProcessHandle first;
        try {
            assertThat(Files.readString(cluster.clusterFile())).contains("@127.0.0.1:");
            cluster.cli("writemode on; set before-kill yes");
            first = cluster.processHandle(0);
            cluster.kill(0);
            assertThat(first.isAlive()).isFalse();
            assertThat(cluster.isAvailable()).isFalse();

            cluster.restart(0);
            assertThat(cluster.isAvailable()).isTrue();
            assertThat(cluster.cli("get before-kill")).contains("`before-kill' is `yes'");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            cluster.close();
        }
        assertThat(cluster.processHandle(0).isAlive()).isFalse();
        assertThat(workDir.resolve("fdbserver-0").resolve("data")).doesNotExist();
    }

    @Test
    void shouldStayAvailableWithOneOfThreeProcessesKilled() {
        Path workDir = WorkDirs.create("fdb-replicated-it-");
        try (FoundationDbCluster cluster = FoundationDbCluster.startReplicated(
                FoundationDbInstallation.find().orElseThrow(), workDir)) {
            assertThat(cluster.size()).isEqualTo(3);
            cluster.cli("writemode on; set replicated yes");
            cluster.kill(1);

            assertThat(cluster.isRunning(1)).isFalse();
            assertThat(cluster.cli("get replicated")).contains("`replicated' is `yes'");
            cluster.restart(1);
            assertThat(cluster.isRunning(1)).isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(workDir.resolve("fdbserver-" + i).resolve("data")).doesNotExist();
        }
    }
}
