package io.actorpreload.localstack;

import io.actorpreload.localstack.internals.PortRetry;
import io.actorpreload.localstack.internals.PortTakenException;
import io.actorpreload.localstack.internals.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real FoundationDB servers ({@code fdbserver} of a {@link FoundationDbInstallation}) as child
 * processes on 127.0.0.1, with a fresh cluster file and data folders: {@link #startSingle} is one
 * process with {@code single} replication; {@link #startReplicated} is three processes in three
 * zones with {@code double} replication, every process a coordinator, so the database stays
 * available when any one of them is killed.
 *
 * <p>Fault tests {@link #kill(int)} a process (SIGKILL, by its handle) and {@link #restart(int)} it on
 * the same port and data. {@link #close()} stops every process by its handle and deletes the data
 * folders; the processes' logs stay in the work directory. Thread-safe.
 */
public final class FoundationDbCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FoundationDbCluster.class);
    private static final Pattern AVAILABLE =
            Pattern.compile("\"database_status\"\\s*:\\s*\\{[^}]*\"available\"\\s*:\\s*true");
    private static final Pattern DATA_HEALTHY = Pattern.compile("\"state\"\\s*:\\s*\\{[^}]*\"healthy\"\\s*:\\s*true");
    private static final long CLI_TIMEOUT_SECONDS = 10;

    private final FoundationDbInstallation installation;
    private final Path workDir;
    private final Path clusterFile;
    private final List<Integer> ports;
    private final ChildProcess[] processes;
    private final int[] restarts;
    private boolean closed;

    private FoundationDbCluster(
            FoundationDbInstallation installation, Path workDir, Path clusterFile, List<Integer> ports) {
        this.installation = installation;
        this.workDir = workDir;
        this.clusterFile = clusterFile;
        this.ports = List.copyOf(ports);
        this.processes = new ChildProcess[ports.size()];
        this.restarts = new int[ports.size()];
    }

    /**
     * Starts one {@code fdbserver} in {@code workDir} and creates a database on it
     * ({@code configure new single ssd}); returns once the database is available.
     *
     * @throws LocalStackException if it does not start or the database is not available in time;
     *     the message carries the tail of the server's log
     */
    public static FoundationDbCluster startSingle(FoundationDbInstallation installation, Path workDir) {
        return start(installation, workDir, 1, "single");
    }

    /**
     * Starts three {@code fdbserver} processes in {@code workDir}, each in a zone of its own and
     * each a coordinator, and creates a database on them with double replication
     * ({@code configure new double ssd}); returns once the data is healthy, so every key is on two
     * processes.
     *
     * @throws LocalStackException if they do not start or the data is not healthy in time
     */
    public static FoundationDbCluster startReplicated(FoundationDbInstallation installation, Path workDir) {
        return start(installation, workDir, 3, "double");
    }

    private static FoundationDbCluster start(
            FoundationDbInstallation installation, Path workDir, int size, String redundancy) {
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(workDir, "workDir");
        return PortRetry.start(
                "FoundationDB",
                attempt -> startOnce(installation, workDir, size, redundancy),
                () -> deleteData(workDir, size));
    }

    private static FoundationDbCluster startOnce(
            FoundationDbInstallation installation, Path workDir, int size, String redundancy) {
        long begin = System.nanoTime();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(Ports.freePort());
        }
        Path clusterFile = workDir.resolve("fdb.cluster");
        String coordinators =
                ports.stream().map(port -> Ports.LOOPBACK + ":" + port).collect(Collectors.joining(","));
        try {
            Files.createDirectories(workDir);
            // The description and id only name the cluster; a fresh id per start keeps clients of an
            // earlier cluster on these ports from joining this one.
            Files.writeString(
                    clusterFile,
                    "localstack:" + UUID.randomUUID().toString().replace("-", "") + "@" + coordinators + "\n",
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the cluster file " + clusterFile, e);
        }
        FoundationDbCluster cluster = new FoundationDbCluster(installation, workDir, clusterFile, ports);
        try {
            for (int i = 0; i < size; i++) {
                cluster.launch(i);
            }
            cluster.cli("configure new " + redundancy + " ssd");
            cluster.awaitReady(size > 1);
        } catch (RuntimeException e) {
            boolean portTaken = cluster.anyFailedToBindPort();
            cluster.close();
            throw portTaken && e instanceof LocalStackException failure ? new PortTakenException(failure) : e;
        }
        LOG.info(
                "FoundationDB ({} process{}, {} ssd) ready at {} after {} ms; cluster file {}",
                size,
                size == 1 ? "" : "es",
                redundancy,
                coordinators,
                (System.nanoTime() - begin) / 1_000_000,
                clusterFile);
        return cluster;
    }

    /** The cluster file clients open (the native client's {@code Database} or {@code fdbcli -C}). */
    public Path clusterFile() {
        return clusterFile;
    }

    /** How many {@code fdbserver} processes the cluster has. */
    public int size() {
        return processes.length;
    }

    /** The installation the processes run from. */
    public FoundationDbInstallation installation() {
        return installation;
    }

    /** The current handle of process {@code index} (a new one after {@link #restart(int)}). */
    public synchronized ProcessHandle processHandle(int index) {
        return processes[index].handle();
    }

    /** Whether process {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        return processes[index].isAlive();
    }

    /** Kills process {@code index} with SIGKILL, by its handle, and returns once it is gone; its data stays. */
    public synchronized void kill(int index) {
        ProcessHandle handle = processes[index].handle();
        handle.destroyForcibly();
        handle.onExit().join();
        processes[index].stop(); // drops its shutdown hook; nothing is left to stop
        LOG.info("FoundationDB process {} (127.0.0.1:{}, pid {}) killed", index, ports.get(index), handle.pid());
    }

    /**
     * Starts process {@code index} again on its port and data (stopping it first if it runs) and
     * returns once the database is available again.
     *
     * @throws LocalStackException if it does not start or the database is not available in time
     */
    public synchronized void restart(int index) {
        relaunch(List.of(index));
    }

    /** Kills every process with SIGKILL, by its handle: the whole store is down. */
    public synchronized void killAll() {
        for (int i = 0; i < processes.length; i++) {
            kill(i);
        }
    }

    /**
     * Starts every process again on its port and data (stopping those that run) and returns once the
     * database is available again. After {@link #killAll()} this is the only way back: one process
     * alone is not a majority of the coordinators.
     *
     * @throws LocalStackException if they do not start or the database is not available in time
     */
    public synchronized void restartAll() {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < processes.length; i++) {
            all.add(i);
        }
        relaunch(all);
    }

    private void relaunch(List<Integer> indexes) {
        if (closed) {
            throw new IllegalStateException(
                    "This FoundationDB cluster (" + clusterFile + ") was closed; start a new one");
        }
        for (int index : indexes) {
            processes[index].stop();
            restarts[index]++;
            launch(index);
        }
        awaitReady(false);
    }

    /** Whether the database answers now ({@code status json} says it is available). */
    public synchronized boolean isAvailable() {
        try {
            return AVAILABLE.matcher(cli("status json")).find();
        } catch (LocalStackException e) {
            return false;
        }
    }

    /** Stops every process (SIGTERM, then SIGKILL after 15 s) by its handle and deletes the data folders. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ChildProcess process : processes) {
            if (process != null) {
                process.stop();
            }
        }
        deleteData(workDir, processes.length);
    }

    private void launch(int index) {
        Path dir = processDir(workDir, index);
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
        String address = Ports.LOOPBACK + ":" + ports.get(index);
        List<String> command = List.of(
                installation.fdbserver().toString(),
                "--public-address",
                address,
                "--listen-address",
                address,
                "--cluster-file",
                clusterFile.toString(),
                "--datadir",
                dir.resolve("data").toString(),
                "--logdir",
                dir.resolve("logs").toString(),
                "--locality-zoneid",
                "z" + index,
                "--locality-machineid",
                "m" + index,
                // Tests hold little data: a small page cache leaves the memory to the brokers and JVMs.
                "--cache-memory",
                "256MiB");
        String log = restarts[index] == 0 ? "fdbserver.log" : "fdbserver-restart-" + restarts[index] + ".log";
        processes[index] =
                ChildProcess.start("fdbserver " + address, command, installation.environment(), dir, dir.resolve(log));
    }

    /** Waits until the database is available (and, when {@code healthy}, its data fully replicated). */
    private void awaitReady(boolean healthy) {
        long timeoutSeconds = Long.getLong(KafkaBroker.START_TIMEOUT_PROPERTY, 120);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        String status = "";
        while (System.nanoTime() < deadline) {
            for (ChildProcess process : processes) {
                if (!process.isAlive()) {
                    throw new LocalStackException(
                            process.name() + " exited before the database was ready. " + process.logTail());
                }
            }
            try {
                status = cli("status json");
                if (AVAILABLE.matcher(status).find()
                        && (!healthy || DATA_HEALTHY.matcher(status).find())) {
                    return;
                }
            } catch (LocalStackException e) {
                status = e.getMessage();
            }
            sleep(Duration.ofMillis(250));
        }
        throw new LocalStackException("FoundationDB (" + clusterFile + ") was not "
                + (healthy ? "healthy" : "available")
                + " within " + timeoutSeconds + " s (-D" + KafkaBroker.START_TIMEOUT_PROPERTY + "). Last status: "
                + abbreviate(status) + " " + processes[0].logTail());
    }

    /**
     * Runs {@code fdbcli --exec command} against this cluster (e.g. {@code "status json"}, or
     * {@code "writemode on; set k v"}) and returns what it printed.
     *
     * @throws LocalStackException when fdbcli fails or runs past its timeout
     */
    public synchronized String cli(String command) {
        Path output = workDir.resolve("fdbcli.out");
        try {
            Files.deleteIfExists(output);
            ChildProcess.run(
                    "fdbcli " + command,
                    List.of(
                            installation.fdbcli().toString(),
                            "--cluster-file",
                            clusterFile.toString(),
                            "--timeout",
                            Long.toString(CLI_TIMEOUT_SECONDS),
                            "--exec",
                            command),
                    installation.environment(),
                    workDir,
                    output,
                    CLI_TIMEOUT_SECONDS + 20);
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + output, e);
        }
    }

    private boolean anyFailedToBindPort() {
        for (ChildProcess process : processes) {
            if (process != null && process.failedToBindPort()) {
                return true;
            }
        }
        return false;
    }

    private static void deleteData(Path workDir, int size) {
        for (int i = 0; i < size; i++) {
            Directories.deleteRecursively(processDir(workDir, i).resolve("data"));
        }
    }

    private static Path processDir(Path workDir, int index) {
        return workDir.resolve("fdbserver-" + index);
    }

    private static String abbreviate(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "…";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for FoundationDB", e);
        }
    }

    @Override
    public String toString() {
        return "FoundationDbCluster{" + clusterFile + ", " + processes.length + " process(es)}";
    }
}
