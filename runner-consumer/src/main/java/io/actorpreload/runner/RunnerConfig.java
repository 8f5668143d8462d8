package io.actorpreload.runner;

import io.actorpreload.schemas.contract.CommandLimits;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link RunnerClient} needs, as one immutable value. Build it with
 * {@link #builder(String, String, String)}; every setting not given there has a default:
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code commandTopicPattern}</td><td>{@code runner.{runnerId}.commands}</td>
 *       <td>names the command topic ({@link RunnerTopicNaming}); must match the topology's
 *       {@code topic.runner.commands.pattern}</td></tr>
 *   <tr><td>{@code topicPartitions}</td><td>1</td><td>partitions of the command topic when this client creates it</td></tr>
 *   <tr><td>{@code topicReplicationFactor}</td><td>the broker's default</td><td>its replication factor</td></tr>
 *   <tr><td>{@code maxMessageBytes}</td><td>2 MiB ({@link CommandLimits#DEFAULT_MAX_MESSAGE_BYTES})</td>
 *       <td>its {@code max.message.bytes}: room for a 1 MiB preload (the default global budget) with its
 *       command and Avro overhead</td></tr>
 *   <tr><td>{@code groupId}</td><td>{@code "runner-" + runnerId}</td><td>consumer group, where offsets are committed</td></tr>
 *   <tr><td>{@code maxPreloadAge}</td><td>30 s</td><td>a command requested longer ago than this is handled
 *       without its preload (the snapshot may be stale)</td></tr>
 *   <tr><td>{@code dedupCapacity}</td><td>10,000</td><td>how many handled (actorId, generation) pairs are
 *       remembered to skip redeliveries</td></tr>
 *   <tr><td>{@code pollTimeout}</td><td>500 ms</td><td>longest wait in one consumer poll</td></tr>
 *   <tr><td>{@code retryBackoff}</td><td>1 s</td><td>wait before retrying a command whose handler threw or
 *       whose schema could not be fetched</td></tr>
 *   <tr><td>{@code adminTimeout}</td><td>30 s</td><td>longest wait for creating or describing the topic</td></tr>
 *   <tr><td>{@code clock}</td><td>{@link Clock#systemUTC()}</td><td>the clock preload ages are measured with</td></tr>
 *   <tr><td>{@code clientProperties}</td><td>none</td><td>extra Kafka client and serde settings (security, etc.),
 *       given to the admin client, the consumer and the deserializer; the library's own settings win</td></tr>
 * </table>
 */
public final class RunnerConfig {
    private final String runnerId;
    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final RunnerTopicNaming topicNaming;
    private final int topicPartitions;
    private final Optional<Short> topicReplicationFactor;
    private final int maxMessageBytes;
    private final String groupId;
    private final Duration maxPreloadAge;
    private final int dedupCapacity;
    private final Duration pollTimeout;
    private final Duration retryBackoff;
    private final Duration adminTimeout;
    private final Clock clock;
    private final Map<String, Object> clientProperties;

    private RunnerConfig(Builder b) {
        this.runnerId = b.runnerId;
        this.bootstrapServers = b.bootstrapServers;
        this.schemaRegistryUrl = b.schemaRegistryUrl;
        this.topicNaming = b.topicNaming;
        this.topicPartitions = b.topicPartitions;
        this.topicReplicationFactor = b.topicReplicationFactor;
        this.maxMessageBytes = b.maxMessageBytes;
        this.groupId = b.groupId != null ? b.groupId : "runner-" + b.runnerId;
        this.maxPreloadAge = b.maxPreloadAge;
        this.dedupCapacity = b.dedupCapacity;
        this.pollTimeout = b.pollTimeout;
        this.retryBackoff = b.retryBackoff;
        this.adminTimeout = b.adminTimeout;
        this.clock = b.clock;
        this.clientProperties = Map.copyOf(b.clientProperties);
    }

    /**
     * A builder for the runner {@code runnerId}, the Kafka cluster at {@code bootstrapServers} and the
     * Confluent-API registry at {@code schemaRegistryUrl} ({@code http(s)://...}, or {@code mock://scope}
     * in unit tests).
     */
    public static Builder builder(String runnerId, String bootstrapServers, String schemaRegistryUrl) {
        return new Builder(runnerId, bootstrapServers, schemaRegistryUrl);
    }

    public String runnerId() { return runnerId; }
    public String bootstrapServers() { return bootstrapServers; }
    public String schemaRegistryUrl() { return schemaRegistryUrl; }
    /** The runner's command topic, named by the command topic pattern. */
    public String commandTopic() { return topicNaming.commandTopicOf(runnerId); }
    public int topicPartitions() { return topicPartitions; }
    /** Empty: the broker's {@code default.replication.factor}. */
    public Optional<Short> topicReplicationFactor() { return topicReplicationFactor; }
    public int maxMessageBytes() { return maxMessageBytes; }
    public String groupId() { return groupId; }
    public Duration maxPreloadAge() { return maxPreloadAge; }
    public int dedupCapacity() { return dedupCapacity; }
    public Duration pollTimeout() { return pollTimeout; }
    public Duration retryBackoff() { return retryBackoff; }
    public Duration adminTimeout() { return adminTimeout; }
    public Clock clock() { return clock; }
    /** Unmodifiable. */
    public Map<String, Object> clientProperties() { return clientProperties; }

    @Override
    public String toString() {
        return "RunnerConfig[runnerId=" + runnerId + ", commandTopic=" + commandTopic() + ", bootstrapServers="
                + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl + ", partitions=" + topicPartitions
                + ", maxMessageBytes=" + maxMessageBytes + ", groupId=" + groupId + ", maxPreloadAge=" + maxPreloadAge + "]";
    }

    /** Builds a {@link RunnerConfig}; rejects a bad value at once, naming it. Not thread-safe. */
    public static final class Builder {
        private final String runnerId;
        private final String bootstrapServers;
        private final String schemaRegistryUrl;
        private RunnerTopicNaming topicNaming = RunnerTopicNaming.defaults();
        private int topicPartitions = 1;
        private Optional<Short> topicReplicationFactor = Optional.empty();
        private int maxMessageBytes = CommandLimits.DEFAULT_MAX_MESSAGE_BYTES;
        private String groupId;
        private Duration maxPreloadAge = Duration.ofSeconds(30);
        private int dedupCapacity = 10_000;
        private Duration pollTimeout = Duration.ofMillis(500);
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration adminTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Map<String, Object> clientProperties = Map.of();

        private Builder(String runnerId, String bootstrapServers, String schemaRegistryUrl) {
            this.runnerId = requireText(runnerId, "runnerId");
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            this.schemaRegistryUrl = requireText(schemaRegistryUrl, "schemaRegistryUrl");
            RunnerTopicNaming.illegalReason(runnerId).ifPresent(reason -> {
                throw new IllegalArgumentException("runnerId '" + runnerId + "' cannot be part of a topic name: " + reason);
            });
        }

        /** @throws IllegalArgumentException unless the pattern holds {@code {runnerId}} once and gives legal names */
        public Builder commandTopicPattern(String pattern) {
            RunnerTopicNaming naming = new RunnerTopicNaming(pattern);
            RunnerTopicNaming.illegalReason(naming.deadLetterTopicOf(runnerId)).ifPresent(reason -> {
                throw new IllegalArgumentException("commandTopicPattern '" + pattern + "' gives no legal topic for runner "
                        + runnerId + ": " + reason);
            });
            this.topicNaming = naming;
            return this;
        }

        public Builder topicPartitions(int partitions) {
            this.topicPartitions = atLeast(partitions, 1, "topicPartitions");
            return this;
        }

        public Builder topicReplicationFactor(short replicationFactor) {
            this.topicReplicationFactor = Optional.of((short) atLeast(replicationFactor, 1, "topicReplicationFactor"));
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = atLeast(bytes, 1024, "maxMessageBytes");
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = requireText(groupId, "groupId");
            return this;
        }

        public Builder maxPreloadAge(Duration age) {
            this.maxPreloadAge = positive(age, "maxPreloadAge");
            return this;
        }

        public Builder dedupCapacity(int capacity) {
            this.dedupCapacity = atLeast(capacity, 1, "dedupCapacity");
            return this;
        }

        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = positive(timeout, "pollTimeout");
            return this;
        }

        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = positive(backoff, "retryBackoff");
            return this;
        }

        public Builder adminTimeout(Duration timeout) {
            this.adminTimeout = positive(timeout, "adminTimeout");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder clientProperties(Map<String, ?> properties) {
            this.clientProperties = Map.copyOf(Objects.requireNonNull(properties, "clientProperties"));
            return this;
        }

        public RunnerConfig build() {
            return new RunnerConfig(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank. Got: " + (value == null ? "null" : "'" + value + "'"));
            }
            return value;
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ". Got: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration. Got: " + value);
            }
            return value;
        }
    }
}
