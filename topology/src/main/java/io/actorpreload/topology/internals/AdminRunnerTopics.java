package io.actorpreload.topology.internals;

import io.actorpreload.topology.RunnerTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunnerTopics} backed by the Kafka Admin API, with a cache. One describe-configs call
 * answers both whether a topic exists and its {@code max.message.bytes}:
 * <ul>
 *   <li>a topic found exists, with its limit, for {@code knownRecheck} without asking again;</li>
 *   <li>a topic the broker says is unknown is missing, for {@code missingRecheck} without asking
 *       again, so the requests queued behind one bad runner id go to the dead letters at once. The
 *       first time a topic is said to be unknown the broker is asked again, every
 *       {@value #CONFIRM_PAUSE_MS} ms for up to {@code missingConfirm}, before the topic is taken
 *       for missing: {@code createTopics} returns once the controller has a topic, and a broker
 *       whose metadata has not caught up says it is unknown (AdminRunnerTopicsIT reproduces it), so
 *       a runner's first start request right after it created its topic would otherwise be
 *       dead-lettered;</li>
 *   <li>no answer within {@code lookupTimeout}, or any other error, is {@code Unknown} and never
 *       cached: the request is retried and the broker asked again. A topic found earlier whose
 *       recheck gets no answer is trusted with its last known limit for another {@code knownRecheck}
 *       (it existed; a topic deleted since is refused by the producer, which the production
 *       handler deals with).</li>
 * </ul>
 * Thread-safe; does not own the {@link Admin}.
 */
public final class AdminRunnerTopics implements RunnerTopics {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRunnerTopics.class);

    private record Known(int maxMessageBytes, long checkedAtNanos) {}

    /** The pause between two questions about a topic first said to be unknown. */
    static final long CONFIRM_PAUSE_MS = 50;

    private final Admin admin;
    private final Duration lookupTimeout;
    private final long knownRecheckNanos;
    private final long missingRecheckNanos;
    private final long missingConfirmNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Long> missingSinceNanos = new ConcurrentHashMap<>();

    public AdminRunnerTopics(
            Admin admin,
            Duration lookupTimeout,
            Duration knownRecheck,
            Duration missingRecheck,
            Duration missingConfirm) {
        this.admin = admin;
        this.lookupTimeout = lookupTimeout;
        this.knownRecheckNanos = knownRecheck.toNanos();
        this.missingRecheckNanos = missingRecheck.toNanos();
        this.missingConfirmNanos = missingConfirm.toNanos();
    }

    @Override
    public Lookup lookup(String topic) {
        long now = System.nanoTime();
        Known hit = known.get(topic);
        if (hit != null && now - hit.checkedAtNanos() < knownRecheckNanos) {
            return Lookup.exists(hit.maxMessageBytes());
        }
        Long missingSince = missingSinceNanos.get(topic);
        if (missingSince != null && now - missingSince < missingRecheckNanos) {
            return Lookup.missing();
        }
        Lookup answer = describe(topic);
        if (answer instanceof Missing && missingSince == null) {
            answer = confirmMissing(topic);
        }
        if (answer instanceof Exists exists) {
            known.put(topic, new Known(exists.maxMessageBytes(), now));
            missingSinceNanos.remove(topic);
        } else if (answer instanceof Missing) {
            known.remove(topic);
            missingSinceNanos.put(topic, now);
        } else if (hit != null) {
            LOG.warn(
                    "Could not recheck runner topic {} ({}); trusting its last known max.message.bytes={} for "
                            + "another {} ms",
                    topic,
                    ((Unknown) answer).reason(),
                    hit.maxMessageBytes(),
                    knownRecheckNanos / 1_000_000);
            known.put(topic, new Known(hit.maxMessageBytes(), now));
            return Lookup.exists(hit.maxMessageBytes());
        }
        return answer;
    }

    /** Asks again about a topic first said to be unknown, until it is found or {@code missingConfirm} has passed. */
    private Lookup confirmMissing(String topic) {
        long deadline = System.nanoTime() + missingConfirmNanos;
        Lookup answer = Lookup.missing();
        while (answer instanceof Missing && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(CONFIRM_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return unknown(topic, "interrupted while asking again whether it exists");
            }
            answer = describe(topic);
        }
        return answer;
    }

    /**
     * Asks the broker for {@code topic}'s {@code max.message.bytes}, without waiting: the future
     * fails with {@link UnknownTopicOrPartitionException} for a topic that does not exist.
     *
     * @param timeoutMs how long the Admin client tries before it fails the future
     */
    static KafkaFuture<Integer> maxMessageBytes(Admin admin, String topic, int timeoutMs) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeoutMs))
                .all()
                .thenApply(configs -> {
                    Config config = configs.get(resource);
                    ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    if (entry == null || entry.value() == null) {
                        throw new IllegalStateException(
                                "the broker's answer has no " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    }
                    return Integer.parseInt(entry.value());
                });
    }

    private Lookup describe(String topic) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, lookupTimeout.toMillis());
        try {
            // The call's own timeout ends it in the Admin client too; the wait below is only a
            // backstop in case the client does not.
            return Lookup.exists(
                    maxMessageBytes(admin, topic, timeoutMs).get(timeoutMs + 1000L, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Lookup.missing();
            }
            return unknown(topic, e.getCause().toString());
        } catch (TimeoutException e) {
            return unknown(topic, "no answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(topic, "interrupted while waiting for the broker");
        }
    }

    private static Lookup unknown(String topic, String reason) {
        LOG.warn("Could not check runner topic {}: {}", topic, reason);
        return Lookup.unknown(reason);
    }
}
