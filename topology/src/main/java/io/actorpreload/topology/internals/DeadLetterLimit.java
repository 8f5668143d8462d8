package io.actorpreload.topology.internals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest dead letter that may be written, in record bytes: at most the Streams producer's
 * {@code max.request.size} and the dead-letter topic's {@code max.message.bytes} as the broker
 * reports it, asked when the application starts and again whenever a dead letter is refused as
 * too large (the topic's limit lowered while running). Until the broker answers, a refusal halves
 * the limit, so the next attempt is smaller anyway and the partition never stalls on one record;
 * the broker's answer then replaces that guess, so a refusal that says nothing about the limit (a
 * transactional producer fails the records queued behind a refused one with the same error) does
 * not leave it too low.
 *
 * <p>The application shares one instance between the handlers of every task through the Streams
 * properties ({@link #CONFIG}); handlers configured without it make their own from the producer
 * settings, which only guesses. Thread-safe; never blocks, but for {@link #askedAtStartUp}.
 */
public final class DeadLetterLimit {
    /** Streams property holding the application's instance (an object, not a string). */
    public static final String CONFIG = "actor.preload.dead.letter.limit";
    /** Below this a dead letter cannot carry its headers; the limit never goes lower. */
    public static final int FLOOR_BYTES = 4 * 1024;
    /** Kafka's own default {@code max.request.size}. */
    private static final int PRODUCER_DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterLimit.class);

    private final int producerMaxRequestSize;
    private final Admin admin;
    private final String topic;
    private final int timeoutMs;
    private final AtomicInteger maxRecordBytes;

    private DeadLetterLimit(int producerMaxRequestSize, int maxRecordBytes, Admin admin, String topic, int timeoutMs) {
        this.producerMaxRequestSize = producerMaxRequestSize;
        this.maxRecordBytes = new AtomicInteger(maxRecordBytes);
        this.admin = admin;
        this.topic = topic;
        this.timeoutMs = timeoutMs;
    }

    /**
     * A limit that never asks a broker: {@code maxRecordBytes}, halved on each refusal.
     *
     * @throws IllegalArgumentException naming the value when it is below {@value #FLOOR_BYTES}
     */
    public static DeadLetterLimit fixed(int maxRecordBytes) {
        if (maxRecordBytes < FLOOR_BYTES) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be at least " + FLOOR_BYTES + ". Got: " + maxRecordBytes);
        }
        return new DeadLetterLimit(maxRecordBytes, maxRecordBytes, null, null, 0);
    }

    /**
     * Asks the broker for the dead-letter topic's limit now (waiting up to {@code timeout}) and
     * after every refusal; {@code admin} must outlive this instance's use.
     *
     * @throws ConfigException when the topic accepts less than {@value #FLOOR_BYTES} bytes
     */
    public static DeadLetterLimit askedAtStartUp(
            Admin admin, String topic, int producerMaxRequestSize, Duration timeout) {
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        int max = Math.max(FLOOR_BYTES, producerMaxRequestSize);
        try {
            int topicLimit = AdminRunnerTopics.maxMessageBytes(admin, topic, timeoutMs)
                    .get(timeoutMs + 1000L, TimeUnit.MILLISECONDS);
            if (topicLimit < FLOOR_BYTES) {
                throw new ConfigException("The dead-letter topic " + topic + " accepts records of only " + topicLimit
                        + " bytes (max.message.bytes): raise it to at least " + FLOOR_BYTES
                        + ", better to the start-request topic's");
            }
            max = Math.min(max, topicLimit);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "Could not learn the max.message.bytes of the dead-letter topic {} ({}); dead letters are cut to the "
                            + "producer's max.request.size={} for now (create the topic if it is missing)",
                    topic,
                    e instanceof ExecutionException ? e.getCause().toString() : "no answer within " + timeoutMs + " ms",
                    max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new DeadLetterLimit(producerMaxRequestSize, max, admin, topic, timeoutMs);
    }

    /** The instance in a handler's configuration, or a {@link #fixed} one from its producer's {@code max.request.size}. */
    static DeadLetterLimit fromConfigs(Map<String, ?> configs) {
        Object shared = configs.get(CONFIG);
        if (shared instanceof DeadLetterLimit limit) {
            return limit;
        }
        Object size = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (size == null) {
            size = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        int maxRequestSize = size == null
                ? PRODUCER_DEFAULT_MAX_REQUEST_SIZE
                : size instanceof Number n
                        ? n.intValue()
                        : Integer.parseInt(size.toString().trim());
        return fixed(Math.max(FLOOR_BYTES, maxRequestSize));
    }

    public int maxRecordBytes() {
        return maxRecordBytes.get();
    }

    /**
     * Records that a dead letter of {@code recordBytes} was refused as too large: the limit drops
     * to at most half of it at once (never below {@value #FLOOR_BYTES}), and the broker is asked
     * for the topic's limit, which replaces that guess when it answers.
     *
     * @return the limit now
     */
    int refused(int recordBytes) {
        int guess = maxRecordBytes.updateAndGet(current -> Math.max(FLOOR_BYTES, Math.min(current, recordBytes / 2)));
        if (admin != null) {
            AdminRunnerTopics.maxMessageBytes(admin, topic, timeoutMs).whenComplete((topicLimit, error) -> {
                if (error == null) {
                    int max = Math.max(FLOOR_BYTES, Math.min(producerMaxRequestSize, topicLimit));
                    maxRecordBytes.set(max);
                    LOG.info(
                            "The dead-letter topic {} accepts {} bytes: dead letters are cut to {} bytes",
                            topic,
                            topicLimit,
                            max);
                }
            });
        }
        return guess;
    }
}
