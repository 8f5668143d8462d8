package io.actorpreload.runner.internals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a runner's topics (its command topic and its dead-letter topic) when they are missing, and
 * checks their size limit when they exist.
 */
public final class RunnerTopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerTopicSetup.class);

    private RunnerTopicSetup() {}

    /**
     * Makes sure {@code topic} exists; creates it with these settings when it does not. An existing
     * topic is left as it is, with a WARN when its {@code max.message.bytes} is below {@code maxMessageBytes}.
     *
     * @param role what the topic is for, in messages: e.g. "command topic", "dead-letter topic"
     * @throws KafkaException when the broker cannot be reached or refuses, within {@code timeout}
     */
    public static void ensure(
            Admin admin,
            String topic,
            String role,
            int partitions,
            Optional<Short> replicationFactor,
            int maxMessageBytes,
            Duration timeout) {
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), replicationFactor)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "Created the {} {} ({} partitions, max.message.bytes {}).",
                    role,
                    topic,
                    partitions,
                    maxMessageBytes);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaException("Cannot create the " + role + " " + topic + ": " + e.getCause(), e.getCause());
            }
            checkSizeLimit(admin, topic, role, maxMessageBytes, timeout);
        } catch (TimeoutException e) {
            throw new KafkaException(
                    "Creating the " + role + " " + topic + " took longer than " + timeout
                            + ": is the broker reachable?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating the " + role + " " + topic, e);
        }
    }

    private static void checkSizeLimit(Admin admin, String topic, String role, int maxMessageBytes, Duration timeout) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null && Long.parseLong(entry.value()) < maxMessageBytes) {
                LOG.warn(
                        "The existing {} {} has max.message.bytes {}, less than the configured {}: large start "
                                + "commands will not fit (a command topic gets them without their preload, TOO_LARGE; a "
                                + "dead-letter topic keeps them without their value). Raise the topic's max.message.bytes.",
                        role,
                        topic,
                        entry.value(),
                        maxMessageBytes);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | NumberFormatException e) {
            LOG.warn("Cannot check max.message.bytes of the existing {} {}: {}", role, topic, e.toString());
        }
    }
}
