package io.actorpreload.runner;

import io.actorpreload.schemas.contract.CommandLimits;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerGroupNaming;
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
 *   <tr><td>{@code maxPreloadAge}</td><td>30 s</td><td>a preload whose snapshot was read longer ago than
 *       this ({@code PreloadedKv.preloadedAt}; {@code requestedAt} for commands without it) is dropped: the
 *       actor reads through its KV client. A read time in the future (clocks out of step) counts as too old.</td></tr>
 *   <tr><td>{@code dedupCapacity}</td><td>10,000</td><td>how many handled (actorId, generation) pairs are
 *       remembered to skip redeliveries</td></tr>
 *   <tr><td>{@code pollTimeout}</td><td>500 ms</td><td>longest wait in one consumer poll</td></tr>
 *   <tr><td>{@code offsetCommits}</td><td>{@link OffsetCommits#EACH_COMMAND}</td><td>when done commands' offsets are
 *       committed: each at once, so a killed runner repeats nothing, or once per poll
 *       ({@link OffsetCommits#EACH_POLL}: far fewer commits for the broker to serve, but a kill may repeat one poll's
 *       commands)</td></tr>
 *   <tr><td>{@code retryBackoff}</td><td>1 s</td><td>wait before retrying a command whose handler threw or
 *       whose schema could not be fetched; doubled for each further attempt at the same command</td></tr>
 *   <tr><td>{@code maxRetryBackoff}</td><td>10 s, or {@code retryBackoff} if longer</td><td>the longest of those
 *       waits</td></tr>
 *   <tr><td>{@code maxHandlerAttempts}</td><td>5</td><td>a command whose handler threw this many times goes to the
 *       dead-letter topic and the runner moves on (with the defaults after about 15 s of backoff); 1 dead-letters
 *       at the first failure</td></tr>
 *   <tr><td>{@code unknownSchemaTimeout}</td><td>5 min</td><td>how long commands written with a schema id the registry
 *       does not know are retried, counted from the first miss of that id, before they go to the dead-letter
 *       topic (time for a registry restored from a backup to come back). An unreachable or failing registry is
 *       waited for without limit: an outage never dead-letters a command</td></tr>
 *   <tr><td>{@code groupInstanceId}</td><td>the runner id</td><td>the consumer's {@code group.instance.id} (static
 *       membership): a restarted runner takes its partitions back at once instead of waiting for the session
 *       timeout. Unique per live consumer of the group: a second one with the same id fences the first</td></tr>
 *   <tr><td>{@code sessionTimeout}</td><td>10 s</td><td>the consumer's {@code session.timeout.ms}: how long the group
 *       waits for a runner that died and does not come back before another member of the group takes over its
 *       partitions (within the broker's {@code group.min/max.session.timeout.ms}, 6 s to 30 min by default)</td></tr>
 *   <tr><td>{@code adminTimeout}</td><td>30 s</td><td>longest wait for creating or describing the topics, and for
 *       writing one dead letter</td></tr>
 *   <tr><td>{@code clock}</td><td>{@link Clock#systemUTC()}</td><td>the clock preload ages are measured with</td></tr>
 *   <tr><td>{@code clientProperties}</td><td>none</td><td>extra Kafka client and serde settings (security, etc.),
 *       given to the admin client, the consumer, the dead-letter producer and the deserializer; the library's own
 *       settings win</td></tr>
 *   <tr><td>{@code startupReports}</td><td>off</td><td>when on, every actor start-up's reads are reported to
 *       {@code startupReportsTopic}: asynchronously, batched, through a buffer of {@code startupReportsBuffer}
 *       reports; a report that does not fit is dropped and counted ({@link RunnerMetrics#startupReportsDropped()}),
 *       never waited for. The manifest learner reads them (docs/ARCHITECTURE.md, "Learned manifests")</td></tr>
 *   <tr><td>{@code startupReportsTopic}</td><td>{@link PipelineTopics#START_REPORTS}</td><td>where start-up reports
 *       go</td></tr>
 *   <tr><td>{@code startupReportsBuffer}</td><td>10,000</td><td>reports waiting to be sent at most</td></tr>
 * </table>
 *
 * <p>The dead-letter topic is {@link #deadLetterTopic()}, the command topic's name plus {@code .dlq}, created with
 * the command topic, with the same partitions and a {@code max.message.bytes} of {@link #maxMessageBytes()} plus
 * {@link #DEAD_LETTER_HEADROOM_BYTES} for the headers that say why a command is there.
 */
public final class RunnerConfig {
    /** Bytes the dead-letter topic allows beyond {@link #maxMessageBytes()}: room for the dead-letter headers. */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 64 * 1024;

    private static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(10);

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
    private final OffsetCommits offsetCommits;
    private final Duration retryBackoff;
    private final Duration maxRetryBackoff;
    private final int maxHandlerAttempts;
    private final Duration unknownSchemaTimeout;
    private final String groupInstanceId;
    private final Duration sessionTimeout;
    private final Duration adminTimeout;
    private final Clock clock;
    private final Map<String, Object> clientProperties;
    private final boolean startupReports;
    private final String startupReportsTopic;
    private final int startupReportsBuffer;

    private RunnerConfig(Builder b) {
        this.runnerId = b.runnerId;
        this.bootstrapServers = b.bootstrapServers;
        this.schemaRegistryUrl = b.schemaRegistryUrl;
        this.topicNaming = b.topicNaming;
        this.topicPartitions = b.topicPartitions;
        this.topicReplicationFactor = b.topicReplicationFactor;
        this.maxMessageBytes = b.maxMessageBytes;
        this.groupId = b.groupId != null ? b.groupId : RunnerGroupNaming.defaultGroupOf(b.runnerId);
        this.maxPreloadAge = b.maxPreloadAge;
        this.dedupCapacity = b.dedupCapacity;
        this.pollTimeout = b.pollTimeout;
        this.offsetCommits = b.offsetCommits;
        this.retryBackoff = b.retryBackoff;
        this.maxRetryBackoff =
                b.maxRetryBackoff != null ? b.maxRetryBackoff : max(DEFAULT_MAX_RETRY_BACKOFF, b.retryBackoff);
        this.maxHandlerAttempts = b.maxHandlerAttempts;
        this.unknownSchemaTimeout = b.unknownSchemaTimeout;
        this.groupInstanceId = b.groupInstanceId != null ? b.groupInstanceId : b.runnerId;
        this.sessionTimeout = b.sessionTimeout;
        this.adminTimeout = b.adminTimeout;
        this.clock = b.clock;
        this.clientProperties = Map.copyOf(b.clientProperties);
        this.startupReports = b.startupReports;
        this.startupReportsTopic = b.startupReportsTopic;
        this.startupReportsBuffer = b.startupReportsBuffer;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * A builder for the runner {@code runnerId}, the Kafka cluster at {@code bootstrapServers} and the
     * Confluent-API registry at {@code schemaRegistryUrl} ({@code http(s)://...}, or {@code mock://scope}
     * in unit tests).
     */
    public static Builder builder(String runnerId, String bootstrapServers, String schemaRegistryUrl) {
        return new Builder(runnerId, bootstrapServers, schemaRegistryUrl);
    }

    public String runnerId() {
        return runnerId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }
    /** The runner's command topic, named by the command topic pattern. */
    public String commandTopic() {
        return topicNaming.commandTopicOf(runnerId);
    }

    public int topicPartitions() {
        return topicPartitions;
    }
    /** Empty: the broker's {@code default.replication.factor}. */
    public Optional<Short> topicReplicationFactor() {
        return topicReplicationFactor;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public String groupId() {
        return groupId;
    }

    public Duration maxPreloadAge() {
        return maxPreloadAge;
    }

    public int dedupCapacity() {
        return dedupCapacity;
    }

    public Duration pollTimeout() {
        return pollTimeout;
    }

    public OffsetCommits offsetCommits() {
        return offsetCommits;
    }

    public Duration retryBackoff() {
        return retryBackoff;
    }

    public Duration maxRetryBackoff() {
        return maxRetryBackoff;
    }

    public int maxHandlerAttempts() {
        return maxHandlerAttempts;
    }

    public Duration unknownSchemaTimeout() {
        return unknownSchemaTimeout;
    }

    public String groupInstanceId() {
        return groupInstanceId;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }
    /** The runner's dead-letter topic: the command topic's name plus {@code .dlq}. */
    public String deadLetterTopic() {
        return topicNaming.deadLetterTopicOf(runnerId);
    }
    /** The dead-letter topic's {@code max.message.bytes}: {@link #maxMessageBytes()} plus the header room. */
    public int deadLetterMaxMessageBytes() {
        return maxMessageBytes + DEAD_LETTER_HEADROOM_BYTES;
    }

    public Duration adminTimeout() {
        return adminTimeout;
    }

    public Clock clock() {
        return clock;
    }
    /** Unmodifiable. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }
    /** Whether start-up reports are sent. */
    public boolean startupReports() {
        return startupReports;
    }

    public String startupReportsTopic() {
        return startupReportsTopic;
    }

    public int startupReportsBuffer() {
        return startupReportsBuffer;
    }

    @Override
    public String toString() {
        return "RunnerConfig[runnerId=" + runnerId + ", commandTopic=" + commandTopic() + ", bootstrapServers="
                + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl + ", partitions=" + topicPartitions
                + ", maxMessageBytes=" + maxMessageBytes + ", groupId=" + groupId + ", groupInstanceId="
                + groupInstanceId
                + ", offsetCommits=" + offsetCommits
                + ", maxPreloadAge=" + maxPreloadAge + ", maxHandlerAttempts=" + maxHandlerAttempts
                + ", unknownSchemaTimeout=" + unknownSchemaTimeout + "]";
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
        private OffsetCommits offsetCommits = OffsetCommits.EACH_COMMAND;
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration maxRetryBackoff;
        private int maxHandlerAttempts = 5;
        private Duration unknownSchemaTimeout = Duration.ofMinutes(5);
        private String groupInstanceId;
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration adminTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Map<String, Object> clientProperties = Map.of();
        private boolean startupReports;
        private String startupReportsTopic = PipelineTopics.START_REPORTS;
        private int startupReportsBuffer = 10_000;

        private Builder(String runnerId, String bootstrapServers, String schemaRegistryUrl) {
            this.runnerId = requireText(runnerId, "runnerId");
            this.bootstrapServers = requireText(bootstrapServers, "bootstrapServers");
            this.schemaRegistryUrl = requireText(schemaRegistryUrl, "schemaRegistryUrl");
            RunnerTopicNaming.illegalReason(runnerId).ifPresent(reason -> {
                throw new IllegalArgumentException(
                        "runnerId '" + runnerId + "' cannot be part of a topic name: " + reason);
            });
        }

        /** @throws IllegalArgumentException unless the pattern holds {@code {runnerId}} once and gives legal names */
        public Builder commandTopicPattern(String pattern) {
            RunnerTopicNaming naming = new RunnerTopicNaming(pattern);
            RunnerTopicNaming.illegalReason(naming.deadLetterTopicOf(runnerId)).ifPresent(reason -> {
                throw new IllegalArgumentException("commandTopicPattern '" + pattern
                        + "' gives no legal topic for runner " + runnerId + ": " + reason);
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

        public Builder offsetCommits(OffsetCommits when) {
            this.offsetCommits = Objects.requireNonNull(when, "offsetCommits");
            return this;
        }

        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = positive(backoff, "retryBackoff");
            return this;
        }

        public Builder maxRetryBackoff(Duration backoff) {
            this.maxRetryBackoff = positive(backoff, "maxRetryBackoff");
            return this;
        }

        public Builder maxHandlerAttempts(int attempts) {
            this.maxHandlerAttempts = atLeast(attempts, 1, "maxHandlerAttempts");
            return this;
        }

        public Builder unknownSchemaTimeout(Duration timeout) {
            this.unknownSchemaTimeout = positive(timeout, "unknownSchemaTimeout");
            return this;
        }

        public Builder groupInstanceId(String groupInstanceId) {
            this.groupInstanceId = requireText(groupInstanceId, "groupInstanceId");
            return this;
        }

        public Builder sessionTimeout(Duration timeout) {
            this.sessionTimeout = positive(timeout, "sessionTimeout");
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

        /** Turns start-up reports on or off (off by default). */
        public Builder startupReports(boolean enabled) {
            this.startupReports = enabled;
            return this;
        }

        public Builder startupReportsTopic(String topic) {
            RunnerTopicNaming.illegalReason(requireText(topic, "startupReportsTopic"))
                    .ifPresent(reason -> {
                        throw new IllegalArgumentException(
                                "startupReportsTopic '" + topic + "' is no legal topic name: " + reason);
                    });
            this.startupReportsTopic = topic;
            return this;
        }

        public Builder startupReportsBuffer(int reports) {
            this.startupReportsBuffer = atLeast(reports, 1, "startupReportsBuffer");
            return this;
        }

        /**
         * @throws IllegalArgumentException when {@code maxRetryBackoff} is shorter than {@code retryBackoff}
         */
        public RunnerConfig build() {
            if (maxRetryBackoff != null && maxRetryBackoff.compareTo(retryBackoff) < 0) {
                throw new IllegalArgumentException("maxRetryBackoff must not be shorter than retryBackoff. Got: "
                        + maxRetryBackoff + " < " + retryBackoff);
            }
            return new RunnerConfig(this);
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        name + " must not be blank. Got: " + (value == null ? "null" : "'" + value + "'"));
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
