package io.actorpreload.learner;

import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.registry.SchemaRegistryClientConfig;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.topology.HealthEndpoint;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The configuration of the manifest learner application ({@link ManifestLearnerApp}), declared
 * once. It is an application of its own, with its own {@code application.id}, so it is not
 * configured with the preload topology's keys; the topics and the budget must match the
 * topology's. Keys prefixed {@value #STREAMS_PREFIX} go to Kafka Streams unchanged. Immutable.
 */
public final class ManifestLearnerConfig extends AbstractConfig {
    public static final String STREAMS_PREFIX = "streams.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    /** The learner's default {@code application.id}, apart from the topology's and every pipeline topic. */
    public static final String DEFAULT_APPLICATION_ID = "actor-preload-learner";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistryClientConfig.URL_CONFIG;
    public static final String REPORTS_TOPIC_CONFIG = "topic.start.reports";
    public static final String MANIFESTS_TOPIC_CONFIG = "topic.manifests";
    public static final String GLOBAL_BUDGET_BYTES_CONFIG = "preload.global.budget.bytes";
    public static final String WINDOW_STARTS_CONFIG = "learner.window.starts";
    public static final String MIN_STARTS_CONFIG = "learner.min.starts";
    public static final String KEY_SHARE_CONFIG = "learner.key.share";
    public static final String HYSTERESIS_CONFIG = "learner.hysteresis";
    public static final String PREFIX_HEADROOM_CONFIG = "learner.prefix.headroom";
    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "shutdown.timeout.ms";

    private static final ConfigDef CONFIG = HealthEndpoint.define(SchemaRegistryClientConfig.define(new ConfigDef()))
            .define(
                    APPLICATION_ID_CONFIG,
                    Type.STRING,
                    DEFAULT_APPLICATION_ID,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Kafka Streams application id of the learner: its group, its state and its "
                            + "internal topics. Not the preload topology's.")
            .define(
                    BOOTSTRAP_SERVERS_CONFIG,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Kafka brokers, host:port[,host:port...].")
            .define(
                    REPORTS_TOPIC_CONFIG,
                    Type.STRING,
                    PipelineTopics.START_REPORTS,
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "Input: start-up reports, key actorName, value ActorStartReport.")
            .define(
                    MANIFESTS_TOPIC_CONFIG,
                    Type.STRING,
                    PipelineTopics.MANIFESTS,
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    "The manifest topic: read to see which manifest is in force (who wins), written "
                            + "with learned manifests keyed by actorName. The preload topology's topic.manifests.")
            .define(
                    GLOBAL_BUDGET_BYTES_CONFIG,
                    Type.LONG,
                    ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                    ConfigDef.Range.atLeast(0),
                    Importance.HIGH,
                    "The preload topology's global budget: a learned " + "manifest asks at most this much, in all.")
            .define(
                    WINDOW_STARTS_CONFIG,
                    Type.INT,
                    100,
                    ConfigDef.Range.between(1, 10_000),
                    Importance.MEDIUM,
                    "How many of an actor type's most recent starts the learner counts.")
            .define(
                    MIN_STARTS_CONFIG,
                    Type.INT,
                    20,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    "Starts a type needs before its first learned manifest, and new starts between two of its "
                            + "manifests; at most learner.window.starts.")
            .define(
                    KEY_SHARE_CONFIG,
                    Type.DOUBLE,
                    0.5,
                    ConfigDef.Range.between(0.001, 1.0),
                    Importance.MEDIUM,
                    "A key or prefix is learned when read in at least this share of the window's starts.")
            .define(
                    HYSTERESIS_CONFIG,
                    Type.DOUBLE,
                    0.2,
                    ConfigDef.Range.between(0.0, 0.99),
                    Importance.LOW,
                    "A learned key or prefix is dropped only when its share falls below learner.key.share * (1 - this).")
            .define(
                    PREFIX_HEADROOM_CONFIG,
                    Type.DOUBLE,
                    1.25,
                    ConfigDef.Range.between(1.0, 100.0),
                    Importance.LOW,
                    "A learned prefix asks this factor over the most it returned, rounded up to a power of two.")
            .define(
                    SHUTDOWN_TIMEOUT_MS_CONFIG,
                    Type.LONG,
                    30_000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "How long a shutdown waits for Kafka Streams to close.");

    /** @throws org.apache.kafka.common.config.ConfigException naming the key and the bad value */
    public ManifestLearnerConfig(Map<?, ?> originals) {
        super(CONFIG, originals, true);
        if (getInt(MIN_STARTS_CONFIG) > getInt(WINDOW_STARTS_CONFIG)) {
            throw new org.apache.kafka.common.config.ConfigException(
                    MIN_STARTS_CONFIG,
                    getInt(MIN_STARTS_CONFIG),
                    "must not exceed " + WINDOW_STARTS_CONFIG + "=" + getInt(WINDOW_STARTS_CONFIG));
        }
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    /** The derivation's settings. */
    public LearnerSettings learnerSettings() {
        return new LearnerSettings(
                getInt(WINDOW_STARTS_CONFIG),
                getInt(MIN_STARTS_CONFIG),
                getDouble(KEY_SHARE_CONFIG),
                getDouble(HYSTERESIS_CONFIG),
                getLong(GLOBAL_BUDGET_BYTES_CONFIG),
                getDouble(PREFIX_HEADROOM_CONFIG));
    }

    /** The serde settings: every registry client setting given. */
    public Map<String, Object> serdeConfigs() {
        Map<String, Object> configs = SchemaRegistryClientConfig.givenIn(originals());
        Object autoRegister = originals().get(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG);
        if (autoRegister != null) {
            configs.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, autoRegister);
        }
        return configs;
    }

    /**
     * The Kafka Streams properties: every {@code streams.} key, exactly_once_v2 unless given, reports
     * that cannot be decoded logged and skipped (they are statistics) unless given; then the
     * application id and bootstrap servers.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(originalsWithPrefix(STREAMS_PREFIX));
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Kafka Streams warns, once per StreamsConfig it builds, when this is off; the learner has no handler to
        // enable, so turning it on changes nothing but the noise (the preload topology does the same).
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.putIfAbsent(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID_CONFIG));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        return props;
    }
}
