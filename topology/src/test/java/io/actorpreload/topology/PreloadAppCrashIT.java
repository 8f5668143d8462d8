package io.actorpreload.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.ChildProcess;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.fdb.LiveFoundationDb;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The topology with 64 preloads in flight per task, in its own process, killed (SIGKILL, by its
 * PID) several times while requests flow and started again: every request must give exactly one
 * committed command (read_committed), with its preload. Runs on RocksDB answering 2 ms late (a
 * networked store's delay) and on a live FoundationDB server (skipped, saying why, where none is
 * configured). The children's logs say how many preloads each restart found queued and started
 * again.
 */
class PreloadAppCrashIT {
    private static final int REQUESTS = 6_000;
    private static final int KILLS = 3;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final LocalStack stack = SharedLocalStack.get();
    private final String id = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String requestsTopic = id + ".actor-start-requests";
    private final String manifestsTopic = id + ".actor-preload-manifests";
    private final String runnerTopic = id + ".runner.r0.commands";
    private final List<ChildProcess> children = new ArrayList<>();
    private Admin admin;

    @AfterEach
    void stop() {
        children.forEach(ChildProcess::stop);
        if (admin != null) {
            admin.close();
        }
    }

    /** The store the topology runs on. */
    enum Store {
        ROCKSDB,
        FDB
    }

    private Store store;

    @ParameterizedTest
    @EnumSource(Store.class)
    void shouldSendExactlyOneCommandPerRequestAcrossRepeatedKillsWithPreloadsInFlight(Store store) throws Exception {
        if (store == Store.FDB) {
            LiveFoundationDb.assumeAvailable();
        }
        this.store = store;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
        admin.createTopics(List.of(
                        new NewTopic(requestsTopic, 3, (short) 1),
                        new NewTopic(manifestsTopic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                        new NewTopic(id + ".dlq", 1, (short) 1),
                        new NewTopic(runnerTopic, 1, (short) 1).configs(Map.of("max.message.bytes", "2097152"))))
                .all()
                .get();
        Map<String, Integer> stateSizes = seedStore();
        publish(
                manifestsTopic,
                PreloadManifest.class,
                "counter",
                PreloadManifest.newBuilder()
                        .setActorName("counter")
                        .setGetKeys(List.of(ByteBuffer.wrap(utf8("state"))))
                        .setPrefixes(List.of())
                        .setMaxTotalBytes(64 * 1024)
                        .build());
        Path config = writeConfig();
        publishRequests();

        long committedBefore = 0;
        int kills = 0;
        for (int run = 0; run < KILLS; run++) {
            ChildProcess child = startTopology(config, "run-" + run);
            long target = committedBefore + 800 + new Random().nextInt(400);
            long committed = awaitCommitted(target);
            if (committed >= REQUESTS) {
                break;
            }
            child.handle().destroyForcibly();
            child.handle().onExit().get();
            kills++;
            System.out.println(
                    "PreloadAppCrashIT killed the topology (SIGKILL) after " + committed + " committed offsets");
            committedBefore = committed;
        }
        ChildProcess last = startTopology(config, "last");
        assertThat(awaitCommitted(REQUESTS)).isEqualTo(REQUESTS);
        last.stop();
        assertThat(kills).as("kills while requests were still flowing").isPositive();

        // The in-flight changelog is compacted within minutes, so a restart restores what is in flight, not the
        // history.
        ConfigResource changelog =
                new ConfigResource(ConfigResource.Type.TOPIC, id + "-actor-preload-in-flight-changelog");
        Config changelogConfig =
                admin.describeConfigs(List.of(changelog)).all().get().get(changelog);
        assertThat(changelogConfig.get("segment.ms").value()).isEqualTo("60000");
        assertThat(changelogConfig.get("cleanup.policy").value()).isEqualTo("compact");

        List<StartActorCommand> commands = readCommitted();
        System.out.println("PreloadAppCrashIT on " + store + ": " + kills + " kills, " + commands.size()
                + " committed commands for " + REQUESTS + " requests; preloads started again at restarts: "
                + restartedPreloads());
        assertThat(commands).hasSize(REQUESTS);
        assertThat(commands.stream().map(c -> c.getActorId().toString()).collect(Collectors.toSet()))
                .hasSize(REQUESTS);
        for (StartActorCommand command : commands) {
            String actorId = command.getActorId().toString();
            if (command.getActorName().toString().equals("counter")) {
                assertThat(command.getPreloadStatus()).as(actorId).isEqualTo(PreloadStatus.PRELOADED);
                assertThat(command.getPreloadedKv().getEntries()).as(actorId).hasSize(1);
                assertThat(command.getPreloadedKv()
                                .getEntries()
                                .get(0)
                                .getValue()
                                .remaining())
                        .as(actorId)
                        .isEqualTo(stateSizes.get(actorId));
            } else {
                assertThat(command.getPreloadStatus()).as(actorId).isEqualTo(PreloadStatus.NO_MANIFEST);
            }
        }
    }

    private Map<String, Integer> seedStore() {
        Map<String, Integer> sizes = new HashMap<>();
        Random random = new Random();
        try (PreloadStore seeded = PreloadStores.open(new PreloadTopologyConfig(storeSettings()))) {
            ActorKvWriter writer = new ActorKvWriter(seeded);
            for (int i = 0; i < REQUESTS; i++) {
                int size = random.nextInt(2000);
                writer.put(
                        actorId(i),
                        List.of(new KvRecord(
                                utf8("state"),
                                new byte[size],
                                new byte[] {1},
                                Instant.ofEpochMilli(1_700_000_000_000L))));
                sizes.put(actorId(i), size);
            }
        }
        return sizes;
    }

    /** The store settings of the topology, also used to seed its rows. */
    private Properties storeSettings() {
        Properties properties = new Properties();
        properties.setProperty(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        properties.setProperty(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        properties.setProperty(
                PreloadTopologyConfig.STORE_TYPE_CONFIG, store.name().toLowerCase(Locale.ROOT));
        properties.setProperty(PreloadTopologyConfig.STORE_ROOT_PREFIX_CONFIG, "crash-it/" + id);
        if (store == Store.FDB) {
            properties.setProperty(
                    PreloadTopologyConfig.FDB_CLUSTER_FILE_CONFIG,
                    LiveFoundationDb.server().clusterFile().toString());
        } else {
            properties.setProperty(
                    PreloadTopologyConfig.ROCKSDB_DATA_DIR_CONFIG,
                    dir.resolve("store").toString());
        }
        return properties;
    }

    private Path writeConfig() throws Exception {
        Properties properties = storeSettings();
        properties.setProperty(PreloadTopologyConfig.APPLICATION_ID_CONFIG, id);
        properties.setProperty(PreloadTopologyConfig.INSTANCE_ID_CONFIG, "crash-child");
        properties.setProperty(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, requestsTopic);
        properties.setProperty(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, manifestsTopic);
        properties.setProperty(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, id + ".dlq");
        properties.setProperty(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, id + ".runner.{runnerId}.commands");
        properties.setProperty(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, Integer.toString(64 * 1024));
        properties.setProperty(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, "64");
        properties.setProperty("streams.commit.interval.ms", "100");
        properties.setProperty("streams.num.stream.threads", "1");
        properties.setProperty("streams.state.dir", dir.resolve("streams").toString());
        properties.setProperty("streams.replication.factor", "1");
        Path file = dir.resolve("topology.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, null);
        }
        return file;
    }

    private ChildProcess startTopology(Path config, String name) {
        ChildProcess child = CrashableTopology.start(dir, config, name, store == Store.FDB ? 0 : 2);
        children.add(child);
        return child;
    }

    /** How many preloads the restarted children found queued, from their logs. */
    private String restartedPreloads() throws Exception {
        List<String> lines = new ArrayList<>();
        for (ChildProcess child : children) {
            Files.readAllLines(child.logFile()).stream()
                    .filter(line -> line.contains("started again"))
                    .map(line -> child.name() + ": " + line.substring(line.indexOf("Task")))
                    .forEach(lines::add);
        }
        return lines.isEmpty() ? "none" : String.join("; ", lines);
    }

    /** Waits until the committed input offsets add up to {@code target} (or everything); returns their sum. */
    private long awaitCommitted(long target) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long sum = 0;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
                    .partitionsToOffsetAndMetadata()
                    .get();
            sum = committed.values().stream()
                    .filter(o -> o != null)
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            if (sum >= Math.min(target, REQUESTS)) {
                return sum;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("only " + sum + " of " + target + " offsets committed within " + PATIENCE);
    }

    private void publishRequests() throws Exception {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, ActorStartRequested> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                serde.serializer())) {
            for (int i = 0; i < REQUESTS; i++) {
                producer.send(new ProducerRecord<>(
                        requestsTopic,
                        actorId(i),
                        ActorStartRequested.newBuilder()
                                .setActorId(actorId(i))
                                .setGeneration(1)
                                .setNamespace("it")
                                .setActorName(i % 3 == 2 ? "plain" : "counter")
                                .setRunnerId("r0")
                                .setRequestedAt(Instant.ofEpochMilli(1_700_000_000_000L + i))
                                .setInput(null)
                                .build()));
            }
            producer.flush();
        }
    }

    private <T extends org.apache.avro.specific.SpecificRecord> void publish(
            String topic, Class<T> type, String key, T value) throws Exception {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private List<StartActorCommand> readCommitted() {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        List<StartActorCommand> commands = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(runnerTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    commands.add(serde.deserializer().deserialize(runnerTopic, record.value()));
                }
            }
        }
        return commands;
    }

    private static String actorId(int i) {
        return "actor-" + i;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
