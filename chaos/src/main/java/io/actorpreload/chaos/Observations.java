package io.actorpreload.chaos;

import io.actorpreload.schemas.contract.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reached the topics, read with {@code read_committed} from the beginning by one background
 * consumer: commands per (actorId, generation) on every runner command topic, the keys on the
 * start-request dead-letter topic, and the commands on the runners' own dead-letter topics. Its group
 * commits nothing, so after a broker restart it may read records again: each command is counted
 * once per record (topic, partition, offset), never once per read.
 *
 * <p>Lifecycle: {@link #start} starts the thread; {@link #close()} wakes and joins it. The getters
 * return copies and are thread-safe.
 */
final class Observations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Observations.class);
    private static final Pattern TOPICS = Pattern.compile(
            "runner\\..+\\.commands(\\.dlq)?|" + Pattern.quote(PipelineTopics.START_REQUEST_DEAD_LETTERS));
    private static final int MAX_FETCH_BYTES = 32 * 1024 * 1024;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    /** Per key, the offsets ({@code topic-partition@offset}) of its commands: a record read twice counts once. */
    private final Map<RequestKey, Set<String>> commandOffsets = new HashMap<>();

    private final Set<String> deadLetteredKeys = new HashSet<>();
    private final Set<RequestKey> runnerDeadLetters = new HashSet<>();
    private volatile boolean running = true;

    private Observations(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-observer-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_FETCH_BYTES);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_FETCH_BYTES);
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "chaos-observer");
        thread.setDaemon(true);
    }

    /** Starts reading every runner topic and the start-request dead letters, also those created later. */
    static Observations start(String bootstrapServers) {
        Observations observations = new Observations(bootstrapServers);
        observations.consumer.subscribe(TOPICS);
        observations.thread.start();
        return observations;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    record(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("The harness stopped reading the runner topics: {}. Its counts are incomplete.", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void record(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(PipelineTopics.START_REQUEST_DEAD_LETTERS)) {
            if (record.key() != null) {
                deadLetteredKeys.add(new String(record.key(), StandardCharsets.UTF_8));
            }
        } else if (record.topic().endsWith(".dlq")) {
            CommandDecoding.keyOf(record.value()).ifPresent(runnerDeadLetters::add);
        } else {
            String offset = record.topic() + "-" + record.partition() + "@" + record.offset();
            CommandDecoding.keyOf(record.value())
                    .ifPresentOrElse(
                            key -> commandOffsets
                                    .computeIfAbsent(key, k -> new HashSet<>(2))
                                    .add(offset),
                            () -> LOG.warn(
                                    "A record on {} at offset {} is not a start command",
                                    record.topic(),
                                    record.offset()));
        }
    }

    /** Per (actorId, generation), how many commands (distinct records) are on the runner topics. */
    synchronized Map<RequestKey, Integer> commandCounts() {
        Map<RequestKey, Integer> counts = new HashMap<>();
        commandOffsets.forEach((key, offsets) -> counts.put(key, offsets.size()));
        return counts;
    }

    synchronized Set<String> deadLetteredKeys() {
        return new HashSet<>(deadLetteredKeys);
    }

    synchronized Set<RequestKey> runnerDeadLetters() {
        return new HashSet<>(runnerDeadLetters);
    }

    /** Whether every key of {@code keys} has at least one command. */
    synchronized boolean allDelivered(List<RequestKey> keys) {
        return keys.stream().allMatch(commandOffsets::containsKey);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
