package io.actorpreload.localstack;

import io.actorpreload.localstack.internals.Distribution;
import io.actorpreload.localstack.internals.JvmOptions;
import io.actorpreload.localstack.internals.PortRetry;
import io.actorpreload.localstack.internals.PortTakenException;
import io.actorpreload.localstack.internals.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka KRaft broker (broker and controller in one JVM) running as a child process, listening
 * on 127.0.0.1 only: a single-node cluster, or one node of a {@link KafkaCluster}. Built from Maven
 * Central's {@code kafka_2.13}.
 *
 * <p>{@link #start(Path)} starts it open (PLAINTEXT); {@link #startSecured(Path, BrokerSecurity)} starts it
 * with SASL/SCRAM and ACLs ({@link BrokerSecurity}), where clients need {@link #clientProperties(String, String)}.
 *
 * <p>Topics are never created implicitly ({@code auto.create.topics.enable=false}); topics and internal
 * topics are replicated to every node of the cluster ({@code min.insync.replicas} 2 on three nodes, 1
 * alone); messages up to {@link #MAX_MESSAGE_BYTES} are accepted.
 *
 * <p>Lifecycle: {@link #start(Path)} returns once the broker answers metadata requests;
 * {@link #stop()} stops the process (a broker outage) and {@link #restart()} starts it again on the
 * same ports, config and data, so clients keep their bootstrap servers; {@link #close()} stops it for
 * good by its handle and is idempotent. The work directory (config, data, {@code kafka.log}) is left
 * in place for inspection. Thread-safe.
 */
public final class KafkaBroker extends RestartableServer {
    /** The largest record batch the broker accepts; fits a 1 MiB preload with ample overhead. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    /** System property: seconds to wait for the broker to become ready (default 120). */
    public static final String START_TIMEOUT_PROPERTY = "localstack.start-timeout-seconds";
    /** System property: the broker JVM's maximum heap, e.g. {@code 768m} (the default). */
    public static final String HEAP_PROPERTY = "localstack.kafka.heap";
    /** System property: more options for the broker JVM, separated by spaces (e.g. {@code -XX:TieredStopAtLevel=1}). */
    public static final String JVM_OPTIONS_PROPERTY = "localstack.kafka.jvm.options";
    /** System property: broker settings added to (or replacing) the local broker's, {@code key=value} pairs separated by {@code ;}. */
    public static final String SETTINGS_PROPERTY = "localstack.kafka.settings";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
    private static final String DATA_DIR = "kraft-data";

    private final Path workDir;
    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final Duration startupTime;
    private final Optional<BrokerSecurity> security;

    private KafkaBroker(
            Path workDir,
            ChildProcess process,
            int nodeId,
            int port,
            int controllerPort,
            Duration startupTime,
            Optional<BrokerSecurity> security) {
        super("Kafka broker " + nodeId, process);
        this.workDir = workDir;
        this.nodeId = nodeId;
        this.port = port;
        this.controllerPort = controllerPort;
        this.startupTime = startupTime;
        this.security = security;
    }

    /**
     * Formats a fresh KRaft log directory under {@code workDir} and starts the broker in it.
     *
     * @param workDir a directory for config, data and logs; created if missing; must not hold an
     *     earlier broker's data
     * @throws LocalStackException if the broker fails to start or is not ready in time; the message
     *     carries the tail of its log
     */
    public static KafkaBroker start(Path workDir) {
        return start(workDir, Optional.empty());
    }

    /**
     * Like {@link #start(Path)}, but secured by {@code security}: the only client listener is
     * SASL_PLAINTEXT with SCRAM-SHA-512, the {@code StandardAuthorizer} refuses whatever no ACL allows,
     * and {@link BrokerSecurity#adminUser()} is the super user, its credential written at storage format.
     *
     * @throws LocalStackException if the broker fails to start or is not ready in time
     */
    public static KafkaBroker startSecured(Path workDir, BrokerSecurity security) {
        return start(workDir, Optional.of(Objects.requireNonNull(security, "security")));
    }

    private static KafkaBroker start(Path workDir, Optional<BrokerSecurity> security) {
        Objects.requireNonNull(workDir, "workDir");
        return PortRetry.start(
                "the Kafka broker",
                attempt -> startOnce(workDir, attempt, security),
                () -> Directories.deleteRecursively(workDir.resolve(DATA_DIR)));
    }

    private static KafkaBroker startOnce(Path workDir, int attempt, Optional<BrokerSecurity> security) {
        long begin = System.nanoTime();
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        Quorum quorum = new Quorum(1, "1@" + Ports.LOOPBACK + ":" + controllerPort, 1);
        Path config = writeConfig(workDir, port, controllerPort, security, quorum);
        format(workDir, config, Uuid.randomUuid().toString(), security);

        String logName = attempt == 1 ? "kafka.log" : "kafka-" + attempt + ".log";
        ChildProcess child = launch(workDir, config, port, logName, security, quorum.nodeId());
        Duration startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info(
                "Kafka broker ready at 127.0.0.1:{} (controller 127.0.0.1:{}, pid {}{}) after {} ms; log {}",
                port,
                controllerPort,
                child.pid(),
                security.map(s -> ", " + s).orElse(""),
                startupTime.toMillis(),
                child.logFile());
        return new KafkaBroker(workDir, child, quorum.nodeId(), port, controllerPort, startupTime, security);
    }

    /**
     * Starts the {@code nodes} of one cluster, each in {@code workDir/node-<id>}: every node a broker and
     * a voter of the controller quorum. All are launched before any is awaited, since none is ready
     * until a majority of the quorum runs.
     */
    static List<KafkaBroker> startCluster(Path workDir, int nodes) {
        return PortRetry.start("the Kafka cluster", attempt -> startClusterOnce(workDir, nodes, attempt), () -> {
            for (int id = 1; id <= nodes; id++) {
                Directories.deleteRecursively(workDir.resolve("node-" + id).resolve(DATA_DIR));
            }
        });
    }

    private static List<KafkaBroker> startClusterOnce(Path workDir, int nodes, int attempt) {
        long begin = System.nanoTime();
        List<Integer> ports = Ports.freePorts(2 * nodes);
        StringBuilder voters = new StringBuilder();
        for (int id = 1; id <= nodes; id++) {
            voters.append(id == 1 ? "" : ",")
                    .append(id)
                    .append('@')
                    .append(Ports.LOOPBACK)
                    .append(':')
                    .append(ports.get(nodes + id - 1));
        }
        String clusterId = Uuid.randomUuid().toString();
        List<Path> configs = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            Path dir = workDir.resolve("node-" + id);
            Path config = writeConfig(
                    dir,
                    ports.get(id - 1),
                    ports.get(nodes + id - 1),
                    Optional.empty(),
                    new Quorum(id, voters.toString(), nodes));
            format(dir, config, clusterId, Optional.empty());
            configs.add(config);
        }
        String logName = attempt == 1 ? "kafka.log" : "kafka-" + attempt + ".log";
        List<ChildProcess> children = new ArrayList<>();
        try {
            for (int id = 1; id <= nodes; id++) {
                children.add(ChildProcess.start(
                        "Kafka broker " + id,
                        command(configs.get(id - 1)),
                        workDir.resolve("node-" + id),
                        workDir.resolve("node-" + id).resolve(logName)));
            }
            for (int id = 1; id <= nodes; id++) {
                awaitReady(children.get(id - 1), ports.get(id - 1), Optional.empty(), id);
            }
        } catch (RuntimeException e) {
            children.forEach(ChildProcess::stop);
            boolean portTaken = children.stream().anyMatch(ChildProcess::failedToBindPort);
            throw portTaken && e instanceof LocalStackException failure ? new PortTakenException(failure) : e;
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - begin);
        List<KafkaBroker> brokers = new ArrayList<>();
        for (int id = 1; id <= nodes; id++) {
            brokers.add(new KafkaBroker(
                    workDir.resolve("node-" + id),
                    children.get(id - 1),
                    id,
                    ports.get(id - 1),
                    ports.get(nodes + id - 1),
                    startupTime,
                    Optional.empty()));
        }
        LOG.info(
                "Kafka cluster of {} nodes ready at {} after {} ms",
                nodes,
                brokers.stream().map(KafkaBroker::bootstrapServers).toList(),
                startupTime.toMillis());
        return brokers;
    }

    /** Formats the KRaft log directory of {@code config} for the cluster {@code clusterId}. */
    private static void format(Path workDir, Path config, String clusterId, Optional<BrokerSecurity> security) {
        String classPath = Distribution.kafkaLibs().resolve("*").toString();
        List<String> format = new ArrayList<>(List.of(
                Distribution.javaExecutable(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath,
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id",
                clusterId,
                "--config",
                config.toString()));
        security.ifPresent(s -> format.addAll(s.formatArguments()));
        ChildProcess.run(
                "Kafka storage format", format, workDir, workDir.resolve("kafka-format.log"), timeoutSeconds());
    }

    /** Starts the broker JVM on {@code config} and waits until it is ready; stops it again if it is not. */
    private static ChildProcess launch(
            Path workDir, Path config, int port, String logName, Optional<BrokerSecurity> security, int nodeId) {
        ChildProcess child =
                ChildProcess.start("Kafka broker " + nodeId, command(config), workDir, workDir.resolve(logName));
        try {
            awaitReady(child, port, security, nodeId);
        } catch (LocalStackException e) {
            child.stop();
            throw child.failedToBindPort() ? new PortTakenException(e) : e;
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return child;
    }

    /** The command line of a broker JVM running {@code config}. */
    private static List<String> command(Path config) {
        String classPath = Distribution.kafkaLibs().resolve("*").toString();
        List<String> command = new ArrayList<>(List.of(
                Distribution.javaExecutable(),
                "-Xms128m",
                "-Xmx" + System.getProperty(HEAP_PROPERTY, "768m"),
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                // Kafka's documented production setting. With the default 1 MiB regions every produce
                // request of half a region or more (a 1 MiB command, a batch of 256 KiB ones) is a
                // humongous allocation, which keeps G1's concurrent marking busy (docs/BENCHMARKS.md, "e2e").
                "-XX:G1HeapRegionSize=16m",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS"));
        command.addAll(JvmOptions.from(JVM_OPTIONS_PROPERTY));
        command.addAll(List.of("-cp", classPath, "kafka.Kafka", config.toString()));
        return command;
    }

    /** {@code 127.0.0.1:<port>} of the client listener (PLAINTEXT, or SASL_PLAINTEXT when secured); never null. */
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** How the broker is secured; empty for an open (PLAINTEXT) broker. */
    public Optional<BrokerSecurity> security() {
        return security;
    }

    /**
     * The client settings that authenticate as {@code user} on this broker: empty for an open broker,
     * else {@link BrokerSecurity#clientProperties(String, String)}.
     */
    public Map<String, Object> clientProperties(String user, String password) {
        return security.isPresent() ? BrokerSecurity.clientProperties(user, password) : Map.of();
    }

    /** The super user's client settings; empty for an open broker. */
    public Map<String, Object> adminClientProperties() {
        return security.map(BrokerSecurity::adminClientProperties).orElse(Map.of());
    }

    /**
     * Creates (or updates) the SCRAM-SHA-512 credential of {@code user} through
     * {@code Admin.alterUserScramCredentials}, as the super user, and returns once {@code user} can
     * authenticate. The user has no ACLs: it is refused everything until it is granted some.
     *
     * @throws IllegalStateException on an open broker
     * @throws LocalStackException when the broker refuses, or the user cannot log in in time
     */
    public void createScramUser(String user, String password) {
        if (security.isEmpty()) {
            throw new IllegalStateException(
                    "The broker on 127.0.0.1:" + port + " is not secured; start it with startSecured");
        }
        Map<String, Object> asUser = BrokerSecurity.clientProperties(user, password);
        try (Admin admin = Admin.create(withBootstrap(adminClientProperties(), "local-stack-users"))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all()
                    .get(timeoutSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("Could not create the SCRAM user " + user + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while creating the SCRAM user " + user, e);
        }
        // The credential reaches the broker's authenticator through the metadata log, a moment later.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds());
        try (Admin admin = Admin.create(withBootstrap(asUser, "local-stack-login-check"))) {
            while (true) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .clusterId()
                            .get(6, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new LocalStackException(
                                "The SCRAM user " + user + " could not log in within " + timeoutSeconds() + " s: " + e,
                                e);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("Interrupted while waiting for the SCRAM user " + user, e);
                }
                sleep(100);
            }
        }
    }

    private Map<String, Object> withBootstrap(Map<String, Object> properties, String clientId) {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    /** The node id of this broker in its cluster (1 for a single broker). */
    public int nodeId() {
        return nodeId;
    }

    /** The client listener's port. */
    public int port() {
        return port;
    }

    /** The KRaft controller listener's port (127.0.0.1). */
    public int controllerPort() {
        return controllerPort;
    }

    /** How long {@link #start(Path)} took, storage format included. */
    public Duration startupTime() {
        return startupTime;
    }

    @Override
    List<Integer> ports() {
        return List.of(port, controllerPort);
    }

    @Override
    ChildProcess relaunch(int restart) {
        return launch(workDir, writeRestartConfig(), port, "kafka-restart-" + restart + ".log", security, nodeId);
    }

    /**
     * The config for a restart: the first one's, but the controller drops a broker registration
     * after 3 s without heartbeats instead of 9 s. A broker killed without a clean shutdown left its
     * registration behind, and its successor cannot register (so serves nobody) until that expires.
     * Only restarts use it, so a broker under a busy machine is not fenced for a late heartbeat.
     */
    private Path writeRestartConfig() {
        try {
            String text = Files.readString(workDir.resolve("server.properties"))
                    + "broker.session.timeout.ms=3000\nbroker.heartbeat.interval.ms=750\n";
            Path config = workDir.resolve("server-restart.properties");
            Files.writeString(config, text);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker's restart config into " + workDir, e);
        }
    }

    /**
     * Where a node sits in its KRaft quorum.
     *
     * @param nodeId   this node's id
     * @param voters   the controller quorum, {@code id@host:port,...}
     * @param replicas how many nodes the cluster has: every topic is replicated to all of them
     */
    private record Quorum(int nodeId, String voters, int replicas) {
        /** A write is acknowledged by all in-sync replicas, at least two of three (one when alone). */
        int minInSyncReplicas() {
            return Math.max(1, replicas - 1);
        }
    }

    private static Path writeConfig(
            Path workDir, int port, int controllerPort, Optional<BrokerSecurity> security, Quorum quorum) {
        String replicas = String.valueOf(quorum.replicas());
        String minInSync = String.valueOf(quorum.minInSyncReplicas());
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", String.valueOf(quorum.nodeId()));
        settings.put("controller.quorum.voters", quorum.voters());
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("log.dirs", workDir.resolve(DATA_DIR).toString());
        settings.put("num.partitions", "1");
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", minInSync);
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("offsets.topic.num.partitions", "5");
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", minInSync);
        settings.put("transaction.state.log.num.partitions", "5");
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", minInSync);
        settings.put("group.initial.rebalance.delay.ms", "0");
        // The application creates its topics explicitly, with the sizes it needs.
        settings.put("auto.create.topics.enable", "false");
        settings.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        settings.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        settings.put("replica.fetch.response.max.bytes", String.valueOf(2 * MAX_MESSAGE_BYTES));
        settings.put("socket.request.max.bytes", String.valueOf(16 * MAX_MESSAGE_BYTES));
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "4");
        security.ifPresent(s -> settings.putAll(s.serverSettings(port, controllerPort)));
        settings.putAll(SettingPairs.fromSystemProperty(SETTINGS_PROPERTY));
        StringBuilder text = new StringBuilder("# Written by io.actorpreload.localstack.KafkaBroker\n");
        settings.forEach(
                (key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("server.properties");
            Files.writeString(config, text);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the broker config into " + workDir, e);
        }
    }

    /** Waits until the broker on {@code port} lists itself as a live node: registered, unfenced. */
    private static void awaitReady(ChildProcess child, int port, Optional<BrokerSecurity> security, int nodeId) {
        long timeoutSeconds = timeoutSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        // Wait for the listener before creating a client, so the client does not log connection
        // failures into the caller's output while the JVM boots.
        while (!Ports.isAccepting(port)) {
            checkAliveAndTime(child, deadline, timeoutSeconds);
            sleep(100);
        }
        Map<String, Object> config = new HashMap<>(
                security.map(BrokerSecurity::adminClientProperties).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Ports.LOOPBACK + ":" + port);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-stack-readiness");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAliveAndTime(child, deadline, timeoutSeconds);
                try {
                    // A broker lists itself only once it is registered and unfenced, i.e. can host
                    // partitions; topics can be created from then on.
                    if (admin
                            .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(6, TimeUnit.SECONDS)
                            .stream()
                            .anyMatch(node -> node.id() == nodeId)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not ready yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LocalStackException("Interrupted while waiting for the Kafka broker", e);
                }
                sleep(200);
            }
        }
    }

    private static void checkAliveAndTime(ChildProcess child, long deadline, long timeoutSeconds) {
        if (!child.isAlive()) {
            throw new LocalStackException("The Kafka broker exited during start-up. " + child.logTail());
        }
        if (System.nanoTime() > deadline) {
            throw new LocalStackException("The Kafka broker was not ready within " + timeoutSeconds + " s (raise -D"
                    + START_TIMEOUT_PROPERTY + " on a slow machine). " + child.logTail());
        }
    }

    static long timeoutSeconds() {
        return Long.getLong(START_TIMEOUT_PROPERTY, 120);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for a local-stack process", e);
        }
    }
}
