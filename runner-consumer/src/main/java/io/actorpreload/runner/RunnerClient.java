package io.actorpreload.runner;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.internals.CommandDispatcher;
import io.actorpreload.runner.internals.CommandHandler;
import io.actorpreload.runner.internals.CommandRetries;
import io.actorpreload.runner.internals.DeadLetterWriter;
import io.actorpreload.runner.internals.HandledCommands;
import io.actorpreload.runner.internals.RunnerAccess;
import io.actorpreload.runner.internals.RunnerCounters;
import io.actorpreload.runner.internals.RunnerJmxMetrics;
import io.actorpreload.runner.internals.RunnerTopicSetup;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's end of the start-command pipeline: registers one runner (creates its command topic
 * {@code runner.<runnerId>.commands} and its dead-letter topic {@code runner.<runnerId>.commands.dlq}
 * when missing) and starts the actor each {@link StartActorCommand} on it names: an
 * {@link ActorStartupHandler} gets an {@link ActorStartup} over the command's {@link PreloadMap}.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Nothing is committed past a command that was not handled, skipped as a redelivery, or written
 *       to the dead-letter topic. With {@link OffsetCommits#EACH_COMMAND} (the default) each is committed
 *       as soon as it is done, so a crash (even a SIGKILL) delivers again at most the command whose
 *       handler was running; with {@link OffsetCommits#EACH_POLL}, the commands of the poll in progress.
 *   <li>In order per partition, so per actor: a command that is retried holds back the commands behind
 *       it in its partition (only there: other partitions go on).
 *   <li>A redelivered (actorId, generation) already handled by this client is skipped; a preload older
 *       than {@link RunnerConfig#maxPreloadAge()} is dropped.
 *   <li>A command whose schema the registry does not know, or cannot be fetched, is retried with
 *       backoff (ERROR log naming the schema id; {@link RunnerMetrics#schemaRetries()}). An unreachable
 *       registry is waited for without limit; an id still unknown after
 *       {@link RunnerConfig#unknownSchemaTimeout()} is dead-lettered.
 *   <li>A command whose handler throws is retried with backoff, and dead-lettered after
 *       {@link RunnerConfig#maxHandlerAttempts()} attempts with the last exception in its headers.
 *   <li>A command that cannot be decoded (wrong magic byte, truncated, malformed, no value) is
 *       dead-lettered at once. Dead letters keep the command's bytes intact; see {@link RunnerDeadLetters}.
 * </ul>
 *
 * <p>Membership: the consumer is a static member of its group ({@link RunnerConfig#groupInstanceId()},
 * the runner id by default), so a runner that crashed and restarts gets its partitions back at once,
 * not after the session timeout; a clean {@link #close()} leaves the group, so another member does not
 * wait for the session timeout either.
 *
 * <p>Access: on a secured cluster the runner's principal needs the runner role's ACLs; {@link #start}
 * checks them and fails with a {@link RunnerAccessDeniedException} naming the principal, resource and
 * operation, and a refusal met later (ACLs revoked while running) stops the consumer thread the same way
 * ({@link #failure()}) instead of retrying.
 *
 * <p>Lifecycle: {@link #start} creates the topics (blocking, up to the admin timeout) and starts one
 * consumer thread; {@link #close()} wakes it, closes the consumer (leaving the group) and the
 * dead-letter producer, and waits for the thread. Thread-safe.
 */
public final class RunnerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerClient.class);

    private final RunnerConfig config;
    private final CommandLoop loop;
    private final RunnerCounters counters;
    private final Thread thread;
    /** Null when start-up reports are off. */
    private final StartupReports reports;

    private final RunnerJmxMetrics jmx;
    private volatile boolean closed;

    private RunnerClient(
            RunnerConfig config,
            CommandLoop loop,
            RunnerCounters counters,
            StartupReports reports,
            RunnerJmxMetrics jmx) {
        this.config = config;
        this.loop = loop;
        this.counters = counters;
        this.reports = reports;
        this.jmx = jmx;
        this.thread = new Thread(loop::run, "runner-" + config.runnerId() + "-commands");
    }

    /**
     * Registers the runner and starts each actor its commands name: for every command,
     * {@code handler} gets an {@link ActorStartup} over {@code kvClients.forActor(actorId)}, closed
     * (its preload released) when the handler returns or throws. Each start-up's report goes to
     * {@link RunnerMetrics#actorTypes()} and, when {@link RunnerConfig#startupReports()} is on, to the
     * reports topic.
     *
     * @throws RunnerAccessDeniedException when the runner's ACLs do not let it create its topics, READ its
     *     command topic, WRITE its dead-letter topic or READ its group; the message names what is missing
     * @throws KafkaException when the command topic or the dead-letter topic cannot be created or checked
     */
    public static RunnerClient start(RunnerConfig config, ActorKvClients kvClients, ActorStartupHandler handler) {
        Objects.requireNonNull(kvClients, "kvClients");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(config, "config");
        RunnerCounters counters = new RunnerCounters();
        StartupReports reports = config.startupReports() ? StartupReports.start(config, counters) : null;
        RunnerJmxMetrics jmx = RunnerJmxMetrics.register(config.runnerId(), counters);
        StartupReportSink sink = report -> {
            counters.recordStartup(report);
            jmx.actorTypeStarted(report.getActorName());
            if (reports != null) {
                reports.offer(report);
            }
        };
        try {
            return start(
                    config,
                    (command, preload) -> {
                        try (ActorStartup startup =
                                new ActorStartup(command, preload, kvClients.forActor(command.getActorId()), sink)) {
                            handler.start(startup);
                        }
                    },
                    counters,
                    reports,
                    jmx);
        } catch (RuntimeException e) {
            if (reports != null) {
                reports.close();
            }
            jmx.close();
            throw e;
        }
    }

    private static RunnerClient start(
            RunnerConfig config,
            CommandHandler handler,
            RunnerCounters counters,
            StartupReports reports,
            RunnerJmxMetrics jmx) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        String principal = RunnerAccess.principalOf(config.clientProperties());
        try (Admin admin = Admin.create(adminProperties(config))) {
            ensureTopic(admin, config, principal, config.commandTopic(), "command topic", config.maxMessageBytes());
            ensureTopic(
                    admin,
                    config,
                    principal,
                    config.deadLetterTopic(),
                    "dead-letter topic",
                    config.deadLetterMaxMessageBytes());
            // Refused access fails here, naming what is missing, rather than in the consumer thread later.
            RunnerAccess.check(
                    admin,
                    config.runnerId(),
                    principal,
                    config.commandTopic(),
                    config.deadLetterTopic(),
                    config.groupId(),
                    config.adminTimeout());
        }
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        Map<String, Object> serdeConfig = new HashMap<>(config.clientProperties());
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, config.schemaRegistryUrl());
        serde.configure(serdeConfig, false);
        Deserializer<StartActorCommand> deserializer = serde.deserializer();
        CommandRetries retries = new CommandRetries(
                config.retryBackoff(),
                config.maxRetryBackoff(),
                config.maxHandlerAttempts(),
                config.unknownSchemaTimeout(),
                System::nanoTime);
        DeadLetterWriter deadLetters = new DeadLetterWriter(
                new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer()),
                config.deadLetterTopic(),
                config.adminTimeout());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                consumerProperties(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        CommandDispatcher dispatcher = new CommandDispatcher(
                deserializer,
                handler,
                new HandledCommands(config.dedupCapacity()),
                config.clock(),
                config.maxPreloadAge(),
                counters);
        CommandLoop loop = new CommandLoop(config, principal, consumer, dispatcher, retries, deadLetters, counters);
        consumer.subscribe(List.of(config.commandTopic()), loop.rebalanceListener());
        RunnerClient client = new RunnerClient(config, loop, counters, reports, jmx);
        client.thread.start();
        LOG.info(
                "Runner {} consumes its start commands from {} as group {} (instance {}); dead letters go to {}.",
                config.runnerId(),
                config.commandTopic(),
                config.groupId(),
                config.groupInstanceId(),
                config.deadLetterTopic());
        return client;
    }

    /** The runner's command topic. */
    public String commandTopic() {
        return config.commandTopic();
    }

    /** The runner's dead-letter topic. */
    public String deadLetterTopic() {
        return config.deadLetterTopic();
    }

    /** This client's counters (handled, retried, dead-lettered...), live. */
    public RunnerMetrics metrics() {
        return counters;
    }

    /** True until {@link #close()} or a fatal error stopped the consumer thread. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Its health now, for the runner's own liveness and readiness endpoints. */
    public RunnerHealth health() {
        if (closed) {
            return RunnerHealth.CLOSED;
        }
        return thread.isAlive() ? RunnerHealth.RUNNING : RunnerHealth.FAILED;
    }

    /** Why the consumer thread stopped on its own, if it did; then no more commands are delivered. */
    public Optional<Throwable> failure() {
        return loop.failure();
    }

    /**
     * Stops delivering, closes the consumer (leaving the group) and the dead-letter producer; waits for the
     * thread; then sends the start-up reports still queued and closes their producer.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException(
                    "RunnerClient.close() called from its own handler; call it from another thread");
        }
        closed = true;
        loop.stop();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reports != null) {
            reports.close();
        }
        jmx.close();
    }

    private static void ensureTopic(
            Admin admin, RunnerConfig config, String principal, String topic, String role, int maxMessageBytes) {
        try {
            RunnerTopicSetup.ensure(
                    admin,
                    topic,
                    role,
                    config.topicPartitions(),
                    config.topicReplicationFactor(),
                    maxMessageBytes,
                    config.adminTimeout());
        } catch (KafkaException e) {
            RunnerAccessDeniedException refused =
                    RunnerAccess.refusal(e, config.runnerId(), principal, "topic " + topic, "CREATE");
            throw refused != null ? refused : e;
        }
    }

    private static Map<String, Object> adminProperties(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-admin");
        return props;
    }

    private static Map<String, Object> producerProperties(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-dead-letters");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.deadLetterMaxMessageBytes());
        return props;
    }

    private static Map<String, Object> consumerProperties(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
        long sessionMs = config.sessionTimeout().toMillis();
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, sessionMs));
        // Kafka's advice: heartbeats at most a third of the session timeout apart.
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(1, Math.min(3_000, sessionMs / 3)));
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-commands");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The runner creates its topic before it subscribes: every command on it is meant for this runner.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A fetch returns at least one whole record even above these limits; keep them at a command's size.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxMessageBytes());
        return props;
    }
}
