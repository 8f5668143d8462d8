package io.actorpreload.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.ReferencePreloadModel;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.schemas.contract.DeadLetterHeaders;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application end to end on a real KRaft broker, the real Apicurio registry and RocksDB:
 * N start requests for M runners, the application stopped mid-stream and started again; every
 * request must give exactly one committed command, on its runner's topic, with the preload the
 * reference model computes from the store's content. The seed of the store's content is printed.
 */
class PreloadAppIT {
    private static final int REQUESTS = 2_000;
    private static final int RUNNERS = 4;
    private static final long BUDGET = 64 * 1024;
    private static final int RUNNER_TOPIC_LIMIT = 2 * 1024 * 1024;
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private final LocalStack stack = SharedLocalStack.get();
    private final String id = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final String requestsTopic = id + ".actor-start-requests";
    private final String manifestsTopic = id + ".actor-preload-manifests";
    private final String deadLetterTopic = id + ".actor-start-requests.dlq";
    private final List<String> runnerTopics = IntStream.range(0, RUNNERS)
            .mapToObj(r -> id + ".runner.r" + r + ".commands")
            .toList();
    private Admin admin;
    private RocksDbPreloadStore store;

    @BeforeEach
    void createTopics() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(requestsTopic, 3, (short) 1));
        topics.add(new NewTopic(manifestsTopic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
        topics.add(new NewTopic(deadLetterTopic, 1, (short) 1));
        runnerTopics.forEach(topic -> topics.add(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("max.message.bytes", Integer.toString(RUNNER_TOPIC_LIMIT)))));
        admin.createTopics(topics).all().get();
        store = RocksDbPreloadStore.open(dir.resolve("store"));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    @Test
    void shouldSendExactlyOneCorrectCommandPerRequestAcrossARestart() throws Exception {
        restartMidStream(Map.of(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, "1"), store); // the synchronous baseline
    }

    /**
     * The same with 64 preloads in flight per task on a store answering 2 ms late: the clean stop
     * commits with preloads in flight, the restart starts them again from the in-flight store.
     */
    @Test
    void shouldSendExactlyOneCorrectCommandPerRequestAcrossARestartWithPreloadsInFlight() throws Exception {
        try (SlowSnapshots slow = new SlowSnapshots(store, Duration.ofMillis(2))) {
            restartMidStream(Map.of(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, "64"), slow);
            System.out.println("PreloadAppIT with preloads in flight: " + slow.snapshots() + " snapshot reads for "
                    + (REQUESTS - REQUESTS / 3)
                    + " requests with a manifest (more: preloads started again after the restart)");
        }
    }

    private void restartMidStream(Map<String, Object> overrides, PreloadStore preloadStore) throws Exception {
        long seed = new Random().nextLong();
        System.out.println("PreloadAppIT seed " + seed);
        Map<String, List<KvRecord>> content = seedStore(new Random(seed));
        Map<String, PreloadManifest> manifests = Map.of(
                "counter",
                        manifest(
                                "counter",
                                List.of("state", "missing"),
                                List.of(prefix("conn/", 1500, true), prefix("sqlite/", 9000, false)),
                                12_000),
                "chat", manifest("chat", List.of("state"), List.of(prefix("conn/", 10_000, false)), 2_000));
        publishManifests(manifests);
        Map<String, Object> settings = settings();
        settings.putAll(overrides);
        PreloadTopologyConfig config = new PreloadTopologyConfig(settings);

        long started = System.nanoTime();
        PreloadApp first = PreloadApp.start(config, preloadStore);
        List<ActorStartRequested> requests = publishRequests();
        int seenBeforeStop;
        try (KafkaConsumer<String, byte[]> watcher = committedReader()) {
            watcher.subscribe(runnerTopics);
            int seen = 0;
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (seen < REQUESTS / 3 && System.nanoTime() < deadline) {
                seen += watcher.poll(Duration.ofMillis(100)).count();
            }
            seenBeforeStop = seen;
        }
        first.close();
        System.out.println("PreloadAppIT stopped the application after " + seenBeforeStop + " committed commands");
        assertThat(seenBeforeStop).isLessThan(REQUESTS);

        try (PreloadApp second = PreloadApp.start(config, preloadStore)) {
            awaitAllRequestsProcessed(config.getString(PreloadTopologyConfig.APPLICATION_ID_CONFIG));
            // The first instance may have committed every input offset with preloads still queued in
            // its in-flight store: the second sends those once its task is up, after the offsets.
            awaitCommittedCommands(config, REQUESTS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "PreloadAppIT processed %d requests in %.1f s including one restart: %.0f requests/s%n",
                REQUESTS, seconds, REQUESTS / seconds);

        Map<String, List<ConsumerRecord<String, StartActorCommand>>> byTopic = readCommitted(config);
        List<ConsumerRecord<String, StartActorCommand>> all =
                byTopic.values().stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(REQUESTS);
        assertThat(all.stream().map(r -> r.value().getActorId()).collect(Collectors.toSet()))
                .hasSize(REQUESTS);
        for (ConsumerRecord<String, StartActorCommand> record : all) {
            StartActorCommand command = record.value();
            assertThat(record.topic()).isEqualTo(id + ".runner." + command.getRunnerId() + ".commands");
            assertThat(record.key()).isEqualTo(command.getActorId());
        }
        Map<String, StartActorCommand> commands =
                all.stream().collect(Collectors.toMap(r -> r.value().getActorId(), ConsumerRecord::value));
        for (ActorStartRequested request : requests) {
            StartActorCommand command = commands.get(request.getActorId());
            PreloadManifest manifest = manifests.get(request.getActorName());
            if (manifest == null) {
                assertThat(command.getPreloadStatus()).isEqualTo(PreloadStatus.NO_MANIFEST);
                assertThat(command.getPreloadedKv()).isNull();
            } else {
                assertThat(command.getPreloadStatus()).as(request.getActorId()).isEqualTo(PreloadStatus.PRELOADED);
                assertThat(ReferencePreloadModel.withoutReadVersion(command.getPreloadedKv()))
                        .as(request.getActorId())
                        .isEqualTo(ReferencePreloadModel.expected(content.get(request.getActorId()), manifest, BUDGET));
            }
        }
        assertThat(byTopic.get(deadLetterTopic)).isEmpty();
    }

    @Test
    void shouldDeadLetterBadRequestsUnderExactlyOnceAndDeliverTheOnesBehindThem() throws Exception {
        PreloadTopologyConfig config = new PreloadTopologyConfig(settings());
        // A request whose actorId is the bytes x 0xFF, not UTF-8: Avro alone would read "x\uFFFD".
        byte[] notUtf8Id = {'x', (byte) 0xFF};
        byte[] notUtf8Request =
                withBytes(serialized(request("x#", "r0")), "x#".getBytes(StandardCharsets.US_ASCII), notUtf8Id);
        try (PreloadApp app = PreloadApp.start(config, store);
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
                KafkaProducer<String, ActorStartRequested> producer = producer(ActorStartRequested.class)) {
            raw.send(new ProducerRecord<>(requestsTopic, 0, utf8("garbage"), utf8("not avro")))
                    .get();
            raw.send(new ProducerRecord<>(requestsTopic, 0, notUtf8Id, notUtf8Request))
                    .get();
            producer.send(new ProducerRecord<>(requestsTopic, 0, "ghost", request("ghost", "r-missing")))
                    .get();
            producer.send(new ProducerRecord<>(requestsTopic, 0, "slash", request("slash", "r/1")))
                    .get();
            producer.send(new ProducerRecord<>(requestsTopic, 0, "fine", request("fine", "r0")))
                    .get();
            awaitAllRequestsProcessed(id);
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommittedDeadLetters();
        assertThat(deadLetters)
                .extracting(r -> HexFormat.of().formatHex(r.key()))
                .containsExactly(hex(utf8("garbage")), hex(notUtf8Id), hex(utf8("ghost")), hex(utf8("slash")));
        ConsumerRecord<byte[], byte[]> notUtf8 = deadLetters.get(1);
        assertThat(notUtf8.value())
                .as("the dead letter keeps the original bytes")
                .isEqualTo(notUtf8Request);
        assertThat(header(notUtf8, DeadLetterHeaders.EXCEPTION)).isEqualTo(InvalidAvroPayloadException.class.getName());
        assertThat(header(notUtf8, DeadLetterHeaders.MESSAGE))
                .contains("INVALID_UTF8")
                .contains("field actorId of io.actorpreload.avro.ActorStartRequested is not valid UTF-8");
        Map<String, List<ConsumerRecord<String, StartActorCommand>>> byTopic = readCommitted(config);
        assertThat(byTopic.get(runnerTopics.get(0)))
                .as("no command for the request that is not UTF-8")
                .extracting(r -> r.value().getActorId())
                .containsExactly("fine");
    }

    private byte[] serialized(ActorStartRequested request) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        return serde.serializer().serialize(requestsTopic, request);
    }

    /** {@code payload} with its one occurrence of {@code placeholder} overwritten by {@code replacement} (same length). */
    private static byte[] withBytes(byte[] payload, byte[] placeholder, byte[] replacement) {
        assertThat(replacement).hasSameSizeAs(placeholder);
        for (int i = 0; i + placeholder.length <= payload.length; i++) {
            if (Arrays.equals(payload, i, i + placeholder.length, placeholder, 0, placeholder.length)) {
                byte[] patched = payload.clone();
                System.arraycopy(replacement, 0, patched, i, replacement.length);
                return patched;
            }
        }
        throw new AssertionError("the payload does not hold " + hex(placeholder));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The committed dead letters, keys and values as the bytes they hold. */
    private List<ConsumerRecord<byte[], byte[]>> readCommittedDeadLetters() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
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

    private static ActorStartRequested request(String actorId, String runnerId) {
        return ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("it")
                .setActorName("plain")
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setInput(null)
                .build();
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        settings.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        settings.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, id);
        settings.put(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, requestsTopic);
        settings.put(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, manifestsTopic);
        settings.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, deadLetterTopic);
        settings.put(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, id + ".runner.{runnerId}.commands");
        settings.put(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, Long.toString(BUDGET));
        settings.put(PreloadTopologyConfig.SHUTDOWN_TIMEOUT_MS_CONFIG, "20000");
        settings.put("streams.commit.interval.ms", "100");
        settings.put("streams.num.stream.threads", "1");
        settings.put("streams.state.dir", dir.resolve("streams").toString());
        settings.put("streams.replication.factor", "1");
        return settings;
    }

    /** Every actor: maybe a state key, some connections, some SQLite pages, sized at random. */
    private Map<String, List<KvRecord>> seedStore(Random random) {
        ActorKvWriter writer = new ActorKvWriter(store);
        Map<String, List<KvRecord>> content = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            List<KvRecord> records = new ArrayList<>();
            if (random.nextInt(5) > 0) {
                records.add(kv("state", random.nextInt(3000), random));
            }
            for (int c = random.nextInt(6); c > 0; c--) {
                records.add(kv("conn/" + c, random.nextInt(500), random));
            }
            for (int p = random.nextInt(4); p > 0; p--) {
                records.add(kv("sqlite/" + p, 1000 + random.nextInt(4000), random));
            }
            records.add(kv("other/" + i, random.nextInt(100), random));
            writer.put(actorId(i), records);
            content.put(actorId(i), records);
        }
        return content;
    }

    private static KvRecord kv(String key, int valueSize, Random random) {
        byte[] value = new byte[valueSize];
        random.nextBytes(value);
        return new KvRecord(
                key.getBytes(StandardCharsets.UTF_8),
                value,
                new byte[] {1, (byte) valueSize},
                Instant.ofEpochMilli(1_700_000_000_000L + valueSize));
    }

    private void publishManifests(Map<String, PreloadManifest> manifests) throws Exception {
        try (KafkaProducer<String, PreloadManifest> producer = producer(PreloadManifest.class)) {
            for (Map.Entry<String, PreloadManifest> manifest : manifests.entrySet()) {
                producer.send(new ProducerRecord<>(manifestsTopic, manifest.getKey(), manifest.getValue()))
                        .get();
            }
        }
    }

    private List<ActorStartRequested> publishRequests() throws Exception {
        List<ActorStartRequested> requests = new ArrayList<>();
        String[] types = {"counter", "chat", "plain"};
        try (KafkaProducer<String, ActorStartRequested> producer = producer(ActorStartRequested.class)) {
            for (int i = 0; i < REQUESTS; i++) {
                ActorStartRequested request = ActorStartRequested.newBuilder()
                        .setActorId(actorId(i))
                        .setGeneration(1)
                        .setNamespace("it")
                        .setActorName(types[i % types.length])
                        .setRunnerId("r" + (i % RUNNERS))
                        .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                        .setInput(null)
                        .build();
                requests.add(request);
                producer.send(new ProducerRecord<>(requestsTopic, request.getActorId(), request));
            }
            producer.flush();
        }
        return requests;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                serde.serializer());
    }

    /** Waits until the application's committed input offsets reach the end of the request topic. */
    private void awaitAllRequestsProcessed(String applicationId) throws Exception {
        List<TopicPartition> partitions = IntStream.range(0, 3)
                .mapToObj(p -> new TopicPartition(requestsTopic, p))
                .toList();
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all()
                .get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            if (partitions.stream()
                    .allMatch(p -> ends.get(p) == 0
                            || committed.get(p) != null && committed.get(p).offset() >= ends.get(p))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The application did not commit every start request within " + PATIENCE);
    }

    /** Waits until the runner topics hold {@code count} committed commands (a bound, never asserted). */
    private void awaitCommittedCommands(PreloadTopologyConfig config, int count) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            long committed = readCommitted(config).entrySet().stream()
                    .filter(e -> !e.getKey().equals(deadLetterTopic))
                    .mapToLong(e -> e.getValue().size())
                    .sum();
            if (committed >= count) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private KafkaConsumer<String, byte[]> committedReader() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        id + "-watcher-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** Every committed record of the runner topics and the dead letters, per topic. */
    private Map<String, List<ConsumerRecord<String, StartActorCommand>>> readCommitted(PreloadTopologyConfig config) {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(config.serdeConfigs(), false);
        Map<String, List<ConsumerRecord<String, StartActorCommand>>> byTopic = new HashMap<>();
        List<String> topics = new ArrayList<>(runnerTopics);
        topics.add(deadLetterTopic);
        topics.forEach(topic -> byTopic.put(topic, new ArrayList<>()));
        try (KafkaConsumer<String, byte[]> consumer = committedReader()) {
            List<TopicPartition> partitions =
                    topics.stream().map(t -> new TopicPartition(t, 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    StartActorCommand command = record.topic().equals(deadLetterTopic)
                            ? null
                            : serde.deserializer().deserialize(record.topic(), record.value());
                    byTopic.get(record.topic())
                            .add(new ConsumerRecord<>(
                                    record.topic(), record.partition(), record.offset(), record.key(), command));
                }
            }
        }
        return byTopic;
    }

    private static String actorId(int i) {
        return "actor-" + i;
    }

    private static PreloadManifest manifest(String name, List<String> getKeys, List<PrefixRequest> prefixes, long max) {
        return PreloadManifest.newBuilder()
                .setActorName(name)
                .setGetKeys(getKeys.stream()
                        .map(k -> ByteBuffer.wrap(k.getBytes(StandardCharsets.UTF_8)))
                        .toList())
                .setPrefixes(prefixes)
                .setMaxTotalBytes(max)
                .build();
    }

    private static PrefixRequest prefix(String prefix, long maxBytes, boolean partial) {
        return PrefixRequest.newBuilder()
                .setPrefix(ByteBuffer.wrap(prefix.getBytes(StandardCharsets.UTF_8)))
                .setMaxBytes(maxBytes)
                .setPartial(partial)
                .build();
    }
}
