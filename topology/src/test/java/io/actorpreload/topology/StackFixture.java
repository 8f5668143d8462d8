package io.actorpreload.topology;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One integration test's own topics and settings on the shared local stack (a real broker and
 * registry): the start-request topic (one partition, so the order of requests is the order of
 * processing), the manifests, the dead letters and the runner topics, all named after a fresh id;
 * producers and read_committed readers for them. Close it to close its Admin client.
 */
final class StackFixture implements AutoCloseable {
    /**
     * How long a test waits for the application before it gives up (a bound, never asserted);
     * {@code -Dit.patience.seconds} changes it.
     */
    static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("it.patience.seconds", 120));
    /** The broker accepts records up to this size; the test producers may send them. */
    static final int LARGE_RECORD_BYTES = 8 * 1024 * 1024;

    final LocalStack stack;
    final String id;
    final String requestsTopic;
    final String manifestsTopic;
    final String deadLetterTopic;
    private final Admin admin;

    StackFixture(String prefix) {
        this(prefix, SharedLocalStack.get());
    }

    /** The fixture on {@code stack}, e.g. {@link SharedLocalStack#replicated()}: topics get the brokers' default replicas. */
    StackFixture(String prefix, LocalStack stack) {
        this.stack = stack;
        id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        requestsTopic = id + ".actor-start-requests";
        manifestsTopic = id + ".actor-preload-manifests";
        deadLetterTopic = id + ".actor-start-requests.dlq";
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    String runnerTopic(String runnerId) {
        return id + ".runner." + runnerId + ".commands";
    }

    Admin admin() {
        return admin;
    }

    /**
     * Creates the request topic (one partition, records up to {@link #LARGE_RECORD_BYTES}), the
     * compacted manifest topic, the dead-letter topic with {@code deadLetterConfigs}, and one runner
     * topic per runner id accepting {@code runnerTopicLimit} bytes.
     */
    void createTopics(Map<String, String> deadLetterConfigs, int runnerTopicLimit, String... runnerIds)
            throws ExecutionException, InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(requestsTopic, Optional.of(1), Optional.empty())
                .configs(Map.of("max.message.bytes", Integer.toString(LARGE_RECORD_BYTES))));
        topics.add(new NewTopic(manifestsTopic, Optional.of(1), Optional.empty())
                .configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(deadLetterTopic, Optional.of(1), Optional.empty()).configs(deadLetterConfigs));
        for (String runnerId : runnerIds) {
            topics.add(new NewTopic(runnerTopic(runnerId), Optional.of(1), Optional.empty())
                    .configs(Map.of("max.message.bytes", Integer.toString(runnerTopicLimit))));
        }
        admin.createTopics(topics).all().get();
    }

    /** The application's settings on this fixture's topics, its state and store under {@code dir}. */
    Map<String, Object> settings(Path dir) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        settings.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        settings.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, id);
        settings.put(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, requestsTopic);
        settings.put(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, manifestsTopic);
        settings.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        settings.put(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, id + ".runner.{runnerId}.commands");
        settings.put(
                PreloadTopologyConfig.ROCKSDB_DATA_DIR_CONFIG,
                dir.resolve("store").toString());
        settings.put(PreloadTopologyConfig.SHUTDOWN_TIMEOUT_MS_CONFIG, "20000");
        settings.put("streams.commit.interval.ms", "100");
        settings.put("streams.num.stream.threads", "1");
        settings.put("streams.state.dir", dir.resolve("streams").toString());
        // A replaced stream thread leaves its member in the group until its session expires; the
        // broker's minimum keeps the tests that replace threads short.
        settings.put("streams.consumer.session.timeout.ms", "6000");
        settings.put("streams.consumer.heartbeat.interval.ms", "1500");
        return settings;
    }

    /** A producer of Avro records, allowed to send records up to {@link #LARGE_RECORD_BYTES}. */
    <T extends SpecificRecord> KafkaProducer<String, T> producer(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(producerConfigs(), new StringSerializer(), serde.serializer());
    }

    KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(producerConfigs(), new StringSerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> producerConfigs() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                LARGE_RECORD_BYTES,
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                4L * LARGE_RECORD_BYTES);
    }

    static ActorStartRequested request(String actorId, String actorName, String runnerId, int inputBytes) {
        return ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("it")
                .setActorName(actorName)
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setInput(inputBytes == 0 ? null : ByteBuffer.wrap(new byte[inputBytes]))
                .build();
    }

    /**
     * Waits until the application has committed every start request written so far.
     *
     * @throws AssertionError if it has not within {@link #PATIENCE}
     */
    void awaitAllRequestsProcessed() throws Exception {
        TopicPartition partition = new TopicPartition(requestsTopic, 0);
        long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
        awaitTrue("the application commits all " + end + " start requests", () -> committedOffset(partition) >= end);
    }

    private long committedOffset(TopicPartition partition) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed == null ? 0 : committed.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after {@link #PATIENCE}. */
    static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " for " + what + " in vain");
            }
            Thread.sleep(200);
        }
    }

    /** Every committed record of {@code topic} (one partition), read with read_committed. */
    List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        LARGE_RECORD_BYTES),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The committed commands of {@code topic}, decoded, keyed by record key in arrival order. */
    List<StartActorCommand> commandsOn(String topic) {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        return readCommitted(topic).stream()
                .map(r -> serde.deserializer().deserialize(topic, r.value()))
                .toList();
    }

    static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toList());
    }

    static List<String> actorIds(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** The value of a Kafka Streams client metric (e.g. {@code failed-stream-threads}); 0 when absent. */
    static double clientMetric(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream()
                .filter(e ->
                        e.getKey().name().equals(name) && e.getKey().group().equals("stream-metrics"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
