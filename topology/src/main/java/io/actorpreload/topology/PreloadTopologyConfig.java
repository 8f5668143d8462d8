package io.actorpreload.topology;

import io.actorpreload.schemas.contract.CommandLimits;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.registry.SchemaRegistryClientConfig;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SubjectNameStrategy;
import io.actorpreload.topology.internals.DeadLetterDeserializationHandler;
import io.actorpreload.topology.internals.DeadLetterProcessingHandler;
import io.actorpreload.topology.internals.DeadLetterProductionHandler;
import io.actorpreload.topology.internals.DeadLetterRecords;
import io.actorpreload.topology.internals.StreamsDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The configuration of the preload application, declared once: every key with its type, default,
 * validator and documentation. Keys prefixed {@value #STREAMS_PREFIX} are handed to Kafka Streams
 * unchanged (without the prefix), so any Streams, producer or consumer setting can be given, e.g.
 * {@code streams.commit.interval.ms} or {@code streams.producer.max.request.size}.
 *
 * <p>Latency against throughput: runners read {@code read_committed}, so a command reaches its
 * runner when the transaction that wrote it commits, and each commit costs a transaction on the
 * broker and stops the stream thread for its round trips. With preloads in flight (the default) the
 * processor asks for commits itself: soon after a forward while it keeps up, at least {@code
 * commit.min.interval.ms} (20 ms) apart; {@code streams.commit.interval.ms} (default 100 ms here)
 * is then the longest time between commits, and the interval of a thread that is behind. At
 * {@code preload.max.in.flight=1} the interval alone sets the commits (default 20 ms). {@code
 * streams.producer.batch.size} (default 1 MiB) lets one produce request carry many commands. All
 * are chosen by measurement ({@code StreamsDefaults}; docs/BENCHMARKS.md).
 *
 * <p>Construction checks each value on its own (types, ranges); {@link #validateLimits()} checks
 * how values fit together (the budget against the message size limits) and is called at
 * start-up. Immutable and thread-safe.
 */
public final class PreloadTopologyConfig extends AbstractConfig {
    /** Prefix of the settings handed to Kafka Streams. */
    public static final String STREAMS_PREFIX = "streams.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    /**
     * The topology's default {@code application.id}. Its internal prefix ({@code actor-preload-topology-})
     * covers no pipeline topic and no other application's prefix, so its PREFIXED grants stay its own.
     */
    public static final String DEFAULT_APPLICATION_ID = "actor-preload-topology";

    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: the consumer group, "
            + "the transactional id prefix and the prefix of internal topics.";

    public static final String INSTANCE_ID_CONFIG = "instance.id";
    private static final String INSTANCE_ID_DOC = "This instance's identity in the consumer group, kept across "
            + "restarts and unique among running instances (e.g. a StatefulSet pod name): static membership. Passed to "
            + "Kafka Streams as the main consumer's group.instance.id, from which Streams names each stream thread's "
            + "consumer <instance.id>-<thread index>. A restarted instance then takes its tasks back at once instead "
            + "of waiting out the session timeout. Empty: dynamic membership (a restart waits for the session timeout "
            + "of the member it replaces). Either way the main consumer's session.timeout.ms defaults to "
            + PreloadTopologyConfig.DEFAULT_SESSION_TIMEOUT_MS
            + " (the time a peer waits before it takes over the tasks "
            + "of an instance that died and does not come back), unless given as streams.session.timeout.ms, "
            + "streams.consumer.session.timeout.ms or streams.main.consumer.session.timeout.ms.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port[,host:port...].";

    /** The registry's base URL; every other registry client setting (basic auth, TLS, timeouts) is accepted too. */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistryClientConfig.URL_CONFIG;

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG;
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "Whether the command serializer registers "
            + "the StartActorCommand schema under its subject when it is missing. In production, register schemas "
            + "ahead (CI) and set false: a schema the registry does not know then fails the command instead.";

    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG;
    private static final String VALUE_SUBJECT_NAME_STRATEGY_DOC = "Subject of the command schema: record (default: "
            + "one subject, io.actorpreload.avro.StartActorCommand, for every runner topic, so the registry governs all "
            + "runners' commands together), topic (runner.<id>.commands-value per runner) or topic_record; Confluent's "
            + "class names (io.confluent.kafka.serializers.subject.RecordNameStrategy, ...) are accepted.";

    public static final String START_REQUESTS_TOPIC_CONFIG = "topic.start.requests";
    private static final String START_REQUESTS_TOPIC_DOC = "Input topic: key actorId, value ActorStartRequested.";

    public static final String MANIFESTS_TOPIC_CONFIG = "topic.manifests";
    private static final String MANIFESTS_TOPIC_DOC = "Compacted topic of preload manifests, key actorName, "
            + "read as a GlobalKTable; a tombstone removes a manifest.";

    public static final String DEAD_LETTER_TOPIC_CONFIG = "topic.dead.letters";
    private static final String DEAD_LETTER_TOPIC_DOC = "Dead letters: start requests that cannot be decoded "
            + "or routed, with their original bytes and headers naming the error and source. One too large for the "
            + "producer or this topic keeps its headers and the head of its value, and says what was left out.";

    public static final String RUNNER_TOPIC_PATTERN_CONFIG = "topic.runner.commands.pattern";
    private static final String RUNNER_TOPIC_PATTERN_DOC = "Name of a runner's command topic; "
            + RunnerTopicNaming.RUNNER_ID_PLACEHOLDER + " is replaced by the request's runnerId.";

    public static final String RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG = "runner.topic.max.message.bytes";
    private static final String RUNNER_TOPIC_MAX_MESSAGE_BYTES_DOC = "The max.message.bytes runner topics are "
            + "created with; checked at start-up against the budget. At run time the limit of each topic "
            + "as the broker reports it is used.";

    public static final String RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_CONFIG = "runner.topic.lookup.timeout.ms";
    private static final String RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_DOC = "How long the processor waits for the "
            + "broker to say whether an unknown runner topic exists. A topic the broker says is missing dead-letters "
            + "the request; no answer in time fails the task, so the request is read again and retried.";

    public static final String RUNNER_TOPIC_MISSING_RECHECK_MS_CONFIG = "runner.topic.missing.recheck.ms";
    private static final String RUNNER_TOPIC_MISSING_RECHECK_MS_DOC = "For this long a runner topic found "
            + "missing is not asked about again: the requests behind it go to the dead letters at once.";

    public static final String RUNNER_TOPIC_MISSING_CONFIRM_MS_CONFIG = "runner.topic.missing.confirm.ms";
    private static final String RUNNER_TOPIC_MISSING_CONFIRM_MS_DOC = "The first time the broker says a runner "
            + "topic does not exist, it is asked again for up to this long (every 50 ms) before the request is "
            + "dead-lettered: a broker whose metadata lags behind a topic created a moment ago says it does not "
            + "exist. The stream thread waits meanwhile; 0 takes the first answer.";

    public static final String RUNNER_TOPIC_KNOWN_RECHECK_MS_CONFIG = "runner.topic.known.recheck.ms";
    private static final String RUNNER_TOPIC_KNOWN_RECHECK_MS_DOC = "For this long a runner topic found to exist "
            + "(and its max.message.bytes) is trusted without asking the broker again.";

    public static final String COMMAND_HEADROOM_BYTES_CONFIG = "command.headroom.bytes";
    private static final String COMMAND_HEADROOM_BYTES_DOC = "Bytes a command needs beyond its preload budget "
            + "(request fields, Avro framing, record overhead); the start-up check requires "
            + "budget + headroom <= min(producer max.request.size, runner topic max.message.bytes).";

    public static final String GLOBAL_BUDGET_BYTES_CONFIG = "preload.global.budget.bytes";
    private static final String GLOBAL_BUDGET_BYTES_DOC = "At most this many bytes are preloaded per actor; "
            + "a manifest may ask less, never more. 0 disables preloading (status DISABLED).";

    public static final String PRELOAD_DEADLINE_MS_CONFIG = "preload.deadline.ms";
    private static final String PRELOAD_DEADLINE_MS_DOC = "A preload still reading after this long gives up: "
            + "the command goes out without preload, status STORE_ERROR.";

    public static final String MAX_IN_FLIGHT_CONFIG = "preload.max.in.flight";
    private static final String MAX_IN_FLIGHT_DOC = "The most preloads one task runs at once. Above 1 the stream "
            + "thread starts a record's preload and takes the next record without waiting for the store; commands still "
            + "go out in the order their records arrived on the partition, and exactly-once is kept by a changelogged "
            + "in-flight store (topic <application.id>-"
            + "actor-preload-in-flight-changelog). When the bound is reached "
            + "the thread waits for the oldest preload. 1: the synchronous processor, one store round trip per record "
            + "at a time, no in-flight store. Above 1, streams.poll.ms defaults to " + "5, so that a preload finishing "
            + "while the input is idle is forwarded within about 5 ms.";

    public static final String MAX_IN_FLIGHT_BYTES_CONFIG = "preload.max.in.flight.bytes";
    private static final String MAX_IN_FLIGHT_BYTES_DOC = "The most bytes the preloads in flight of one task may hold, "
            + "each counted at "
            + "preload.global.budget.bytes (known before it runs): bounds the heap a task holds with "
            + "preload.max.in.flight. One preload always runs, whatever this says.";

    public static final String COMMIT_MIN_INTERVAL_MS_CONFIG = "commit.min.interval.ms";
    private static final String COMMIT_MIN_INTERVAL_MS_DOC = "With preload.max.in.flight above 1: the shortest time "
            + "between a commit and the next one the topology asks Kafka Streams for. A commit is asked for once a "
            + "command was forwarded since the last commit and this long has passed since it, unless the stream thread "
            + "is behind (its newest record was more than 1 s old when processed, and it has not "
            + "been idle since): then Streams' interval (default 100 here) commits, for throughput. So an idle topology "
            + "commits a start at once. A value at least streams.commit.interval.ms commits at that interval only.";

    public static final String STORE_TYPE_CONFIG = "store.type";
    private static final String STORE_TYPE_DOC =
            "The KV store preloads read: rocksdb (embedded) or fdb (FoundationDB).";

    public static final String ROCKSDB_DATA_DIR_CONFIG = "store.rocksdb.data.dir";
    private static final String ROCKSDB_DATA_DIR_DOC = "Directory of the RocksDB store (store.type=rocksdb).";

    public static final String FDB_CLUSTER_FILE_CONFIG = "store.fdb.cluster.file";
    private static final String FDB_CLUSTER_FILE_DOC =
            "FoundationDB cluster file (store.type=fdb); empty: the " + "client's default cluster file.";

    public static final String STORE_ROOT_PREFIX_CONFIG = "store.root.prefix";
    private static final String STORE_ROOT_PREFIX_DOC = "Root of the actors' keys in the store (either driver): "
            + "the elements of the root tuple, each a string, separated by '/'.";

    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC =
            "How long a shutdown waits for Kafka Streams to close " + "before the store is closed anyway.";

    /** The store drivers. */
    public enum StoreType {
        ROCKSDB,
        FDB
    }

    /** Default {@code poll.ms} with preloads in flight: how long a finished preload may wait while the input is idle. */
    static final long IDLE_POLL_MS = 5;

    /** Default {@code session.timeout.ms} of the main consumer: how long a peer waits for a dead instance. */
    static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    private static final ConfigDef CONFIG = HealthEndpoint.define(SchemaRegistryClientConfig.define(new ConfigDef()))
            .define(
                    APPLICATION_ID_CONFIG,
                    Type.STRING,
                    DEFAULT_APPLICATION_ID,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    APPLICATION_ID_DOC)
            .define(
                    BOOTSTRAP_SERVERS_CONFIG,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    BOOTSTRAP_SERVERS_DOC)
            .define(INSTANCE_ID_CONFIG, Type.STRING, "", Importance.HIGH, INSTANCE_ID_DOC)
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
                    Type.STRING,
                    SubjectNameStrategy.RECORD.toString(),
                    SubjectNameStrategy.validator(),
                    Importance.MEDIUM,
                    VALUE_SUBJECT_NAME_STRATEGY_DOC)
            .define(
                    START_REQUESTS_TOPIC_CONFIG,
                    Type.STRING,
                    PipelineTopics.START_REQUESTS,
                    new TopicName(),
                    Importance.MEDIUM,
                    START_REQUESTS_TOPIC_DOC)
            .define(
                    MANIFESTS_TOPIC_CONFIG,
                    Type.STRING,
                    PipelineTopics.MANIFESTS,
                    new TopicName(),
                    Importance.MEDIUM,
                    MANIFESTS_TOPIC_DOC)
            .define(
                    DEAD_LETTER_TOPIC_CONFIG,
                    Type.STRING,
                    PipelineTopics.START_REQUEST_DEAD_LETTERS,
                    new TopicName(),
                    Importance.MEDIUM,
                    DEAD_LETTER_TOPIC_DOC)
            .define(
                    RUNNER_TOPIC_PATTERN_CONFIG,
                    Type.STRING,
                    RunnerTopicNaming.DEFAULT_PATTERN,
                    new RunnerTopicPattern(),
                    Importance.MEDIUM,
                    RUNNER_TOPIC_PATTERN_DOC)
            .define(
                    RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG,
                    Type.INT,
                    CommandLimits.DEFAULT_MAX_MESSAGE_BYTES,
                    ConfigDef.Range.atLeast(1024),
                    Importance.MEDIUM,
                    RUNNER_TOPIC_MAX_MESSAGE_BYTES_DOC)
            .define(
                    RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_CONFIG,
                    Type.LONG,
                    1000L,
                    ConfigDef.Range.between(1, 10_000),
                    Importance.LOW,
                    RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_DOC)
            .define(
                    RUNNER_TOPIC_MISSING_RECHECK_MS_CONFIG,
                    Type.LONG,
                    1000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    RUNNER_TOPIC_MISSING_RECHECK_MS_DOC)
            .define(
                    RUNNER_TOPIC_MISSING_CONFIRM_MS_CONFIG,
                    Type.LONG,
                    3000L,
                    ConfigDef.Range.between(0, 10_000),
                    Importance.LOW,
                    RUNNER_TOPIC_MISSING_CONFIRM_MS_DOC)
            .define(
                    RUNNER_TOPIC_KNOWN_RECHECK_MS_CONFIG,
                    Type.LONG,
                    60_000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    RUNNER_TOPIC_KNOWN_RECHECK_MS_DOC)
            .define(
                    COMMAND_HEADROOM_BYTES_CONFIG,
                    Type.INT,
                    64 * 1024,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    COMMAND_HEADROOM_BYTES_DOC)
            .define(
                    GLOBAL_BUDGET_BYTES_CONFIG,
                    Type.LONG,
                    ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                    ConfigDef.Range.atLeast(0),
                    Importance.HIGH,
                    GLOBAL_BUDGET_BYTES_DOC)
            .define(
                    PRELOAD_DEADLINE_MS_CONFIG,
                    Type.LONG,
                    2000L,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    PRELOAD_DEADLINE_MS_DOC)
            .define(
                    MAX_IN_FLIGHT_CONFIG,
                    Type.INT,
                    64,
                    ConfigDef.Range.between(1, 10_000),
                    Importance.MEDIUM,
                    MAX_IN_FLIGHT_DOC)
            .define(
                    MAX_IN_FLIGHT_BYTES_CONFIG,
                    Type.LONG,
                    64L * 1024 * 1024,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    MAX_IN_FLIGHT_BYTES_DOC)
            .define(
                    COMMIT_MIN_INTERVAL_MS_CONFIG,
                    Type.LONG,
                    20L,
                    ConfigDef.Range.atLeast(0),
                    Importance.MEDIUM,
                    COMMIT_MIN_INTERVAL_MS_DOC)
            .define(
                    STORE_TYPE_CONFIG,
                    Type.STRING,
                    "rocksdb",
                    ConfigDef.CaseInsensitiveValidString.in("rocksdb", "fdb"),
                    Importance.HIGH,
                    STORE_TYPE_DOC)
            .define(ROCKSDB_DATA_DIR_CONFIG, Type.STRING, "data/preload-store", Importance.MEDIUM, ROCKSDB_DATA_DIR_DOC)
            .define(FDB_CLUSTER_FILE_CONFIG, Type.STRING, "", Importance.MEDIUM, FDB_CLUSTER_FILE_DOC)
            .define(
                    STORE_ROOT_PREFIX_CONFIG,
                    Type.STRING,
                    "actor-preload/kv",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    STORE_ROOT_PREFIX_DOC)
            .define(
                    SHUTDOWN_TIMEOUT_MS_CONFIG,
                    Type.LONG,
                    30_000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    SHUTDOWN_TIMEOUT_MS_DOC);

    /**
     * @param originals the settings; keys not declared here and not prefixed {@value #STREAMS_PREFIX}
     *                  are ignored (and logged by {@link AbstractConfig})
     * @throws ConfigException naming the key and the bad value
     */
    public PreloadTopologyConfig(Map<?, ?> originals) {
        super(CONFIG, originals, true);
    }

    /** The declaration of every key, e.g. to print documentation with {@code configDef().toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    public StoreType storeType() {
        return StoreType.valueOf(getString(STORE_TYPE_CONFIG).toUpperCase(Locale.ROOT));
    }

    public RunnerTopicNaming runnerTopicNaming() {
        return new RunnerTopicNaming(getString(RUNNER_TOPIC_PATTERN_CONFIG));
    }

    /** The serde settings: every registry client setting given (URL, basic auth, TLS, timeouts), auto-registration, subject strategy. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = SchemaRegistryClientConfig.givenIn(originals());
        configs.put(AUTO_REGISTER_SCHEMAS_CONFIG, getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG));
        configs.put(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, getString(VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
        return configs;
    }

    /**
     * The Kafka Streams properties: every {@code streams.} key; exactly_once_v2, a producer
     * {@code max.request.size} of {@link CommandLimits#DEFAULT_MAX_MESSAGE_BYTES} and a main consumer
     * {@code session.timeout.ms} of {@value #DEFAULT_SESSION_TIMEOUT_MS} and, with {@value #MAX_IN_FLIGHT_CONFIG}
     * above 1, a {@code poll.ms} of {@value #IDLE_POLL_MS} unless given; the measured defaults of
     * {@link StreamsDefaults} (producer {@code batch.size}, {@code commit.interval.ms} 100 with paced
     * commits or 20 at one preload in flight: the latency/throughput trade-off, docs/BENCHMARKS.md)
     * unless given; the main consumer's
     * {@code group.instance.id} from {@value #INSTANCE_ID_CONFIG} when set; then application id,
     * bootstrap servers, the dead-letter topic and handlers, which are not overridable.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        String prefixedMaxRequestSize = StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (!props.containsKey(prefixedMaxRequestSize) && !props.containsKey(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
            props.put(prefixedMaxRequestSize, CommandLimits.DEFAULT_MAX_MESSAGE_BYTES);
        }
        String prefixedSessionTimeout = StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        if (!props.containsKey(prefixedSessionTimeout)
                && !props.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)
                && !props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG))) {
            props.put(prefixedSessionTimeout, DEFAULT_SESSION_TIMEOUT_MS);
        }
        // Producer batching (and the other measured defaults) unless given: StreamsDefaults says why.
        StreamsDefaults.applyTo(props, getInt(RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG), getInt(MAX_IN_FLIGHT_CONFIG) > 1);
        if (getInt(MAX_IN_FLIGHT_CONFIG) > 1) {
            // An idle stream thread waits poll.ms (100 ms by default) in poll before it punctuates:
            // a finished preload would wait that long to be forwarded.
            props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, IDLE_POLL_MS);
        }
        String instanceId = getString(INSTANCE_ID_CONFIG).trim();
        if (!instanceId.isEmpty()) {
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID_CONFIG));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, getString(DEAD_LETTER_TOPIC_CONFIG));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Each stream thread's partition assignor builds a StreamsConfig of its own from the main
        // consumer's settings only (AssignorConfiguration), which warns that the handler is off for the
        // global thread unless this key is among them: main.consumer.-prefixed keys are passed unfiltered.
        props.put(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        props.put(DeadLetterRecords.START_REQUESTS_TOPIC_CONFIG, getString(START_REQUESTS_TOPIC_CONFIG));
        return props;
    }

    /** The producer's {@code max.request.size} as Kafka Streams will configure it. */
    public int producerMaxRequestSize() {
        Properties streams = streamsProperties();
        Object value = streams.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        String name = STREAMS_PREFIX + StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        if (value == null) {
            value = streams.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
            name = STREAMS_PREFIX + ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        }
        return parseInt(name, value);
    }

    /**
     * Checks that the settings fit together, reporting every mistake at once.
     *
     * @throws ConfigException listing each mistake and how to fix it
     */
    public void validateLimits() {
        List<String> mistakes = new ArrayList<>();
        long budget = getLong(GLOBAL_BUDGET_BYTES_CONFIG);
        long headroom = getInt(COMMAND_HEADROOM_BYTES_CONFIG);
        int maxRequestSize = producerMaxRequestSize();
        int topicLimit = getInt(RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG);
        if (budget + headroom > maxRequestSize) {
            mistakes.add(GLOBAL_BUDGET_BYTES_CONFIG + "=" + budget + " plus " + COMMAND_HEADROOM_BYTES_CONFIG + "="
                    + headroom + " exceeds the producer's max.request.size=" + maxRequestSize
                    + ": raise streams.producer.max.request.size or lower the budget");
        }
        if (budget + headroom > topicLimit) {
            mistakes.add(GLOBAL_BUDGET_BYTES_CONFIG + "=" + budget + " plus " + COMMAND_HEADROOM_BYTES_CONFIG + "="
                    + headroom + " exceeds " + RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG + "=" + topicLimit
                    + ": create runner topics with a larger max.message.bytes or lower the budget");
        }
        String guarantee = streamsProperties()
                .getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee)) {
            mistakes.add("streams." + StreamsConfig.PROCESSING_GUARANTEE_CONFIG + "=" + guarantee
                    + " is not supported: use exactly_once_v2 (default) or at_least_once");
        }
        if (storeType() == StoreType.ROCKSDB
                && getString(ROCKSDB_DATA_DIR_CONFIG).isBlank()) {
            mistakes.add(ROCKSDB_DATA_DIR_CONFIG + " is empty: give the directory of the RocksDB store");
        }
        if (!mistakes.isEmpty()) {
            throw new ConfigException("Invalid actor-preload configuration:\n  - " + String.join("\n  - ", mistakes));
        }
    }

    private static int parseInt(String name, Object value) {
        try {
            return value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name, value, "must be an integer");
        }
    }

    /** Accepts a legal Kafka topic name. */
    private static final class TopicName implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String topic = (String) value;
            RunnerTopicNaming.illegalReason(topic).ifPresent(reason -> {
                throw new ConfigException(name, value, reason);
            });
        }

        @Override
        public String toString() {
            return "a legal topic name: 1-249 of [a-zA-Z0-9._-], not '.' or '..'";
        }
    }

    /** Accepts a pattern with exactly one runner id placeholder, legal around it. */
    private static final class RunnerTopicPattern implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                new RunnerTopicNaming((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a topic name containing " + RunnerTopicNaming.RUNNER_ID_PLACEHOLDER + " once";
        }
    }
}
