package io.actorpreload.topology.internals;

import io.actorpreload.topology.RunnerTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RunnerTopics} backed by the Kafka Admin API, with a cache: a topic found is trusted for
 * {@code knownRecheck}, a topic found missing (or not confirmed within {@code lookupTimeout}) is
 * reported missing for {@code missingRecheck} without asking again, so the requests queued behind
 * one bad runner id go to the dead letters at once. One describe-configs call answers both whether
 * a topic exists and its {@code max.message.bytes}. Thread-safe; does not own the {@link Admin}.
 */
public final class AdminRunnerTopics implements RunnerTopics {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRunnerTopics.class);

    private record Known(int maxMessageBytes, long checkedAtNanos) {
    }

    private final Admin admin;
    private final Duration lookupTimeout;
    private final long knownRecheckNanos;
    private final long missingRecheckNanos;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Long> missingSinceNanos = new ConcurrentHashMap<>();

    public AdminRunnerTopics(Admin admin, Duration lookupTimeout, Duration knownRecheck, Duration missingRecheck) {
        this.admin = admin;
        this.lookupTimeout = lookupTimeout;
        this.knownRecheckNanos = knownRecheck.toNanos();
        this.missingRecheckNanos = missingRecheck.toNanos();
    }

    @Override
    public OptionalInt maxMessageBytes(String topic) {
        long now = System.nanoTime();
        Known hit = known.get(topic);
        if (hit != null && now - hit.checkedAtNanos() < knownRecheckNanos) {
            return OptionalInt.of(hit.maxMessageBytes());
        }
        Long missingSince = missingSinceNanos.get(topic);
        if (missingSince != null && now - missingSince < missingRecheckNanos) {
            return OptionalInt.empty();
        }
        OptionalInt found = describe(topic);
        if (found.isPresent()) {
            known.put(topic, new Known(found.getAsInt(), now));
            missingSinceNanos.remove(topic);
        } else {
            known.remove(topic);
            missingSinceNanos.put(topic, now);
        }
        return found;
    }

    private OptionalInt describe(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(lookupTimeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return OptionalInt.of(Integer.parseInt(entry.value()));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                LOG.warn("Could not check runner topic {}: {}", topic, e.getCause().toString());
            }
            return OptionalInt.empty();
        } catch (TimeoutException e) {
            LOG.warn("Could not confirm runner topic {} exists within {} ms", topic, lookupTimeout.toMillis());
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
