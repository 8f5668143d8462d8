package io.actorpreload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.learner.ManifestLearnerApp;
import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.testkit.StoreKvClient;
import io.actorpreload.topology.PreloadApp;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learned manifests end to end on the real broker, registry and RocksDB: no runner declares a
 * manifest; a runner with start-up reports on starts actors of one type again and again, each
 * start checked against the store; the learner publishes a manifest; after that, starts of the
 * type make no KV round trip, and every answer is still the store's. A second type whose runners
 * declared a manifest (not marked learn) keeps it, however its actors read.
 */
class LearnedManifestIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String TYPE = "learned-chat-room";
    /** A type whose runners declare a manifest and do not let it be learned. */
    private static final String DECLARED = "declared-chat-room";

    private static final int ACTORS = 10;

    @TempDir
    Path workDir;

    protected final String id = "learn-" + UUID.randomUUID().toString().substring(0, 8);
    protected final String requests = id + ".actor-start-requests";
    protected final String manifests = id + ".actor-preload-manifests";
    protected final String reports = id + ".actor-start-reports";
    protected final String deadLetters = requests + ".dlq";
    protected final String runnerPattern = id + ".runner.{runnerId}.commands";
    protected final String topologyApplicationId = id + "-topology";
    protected final String learnerApplicationId = id + "-learner";
    protected static final String RUNNER_ID = "runner-1";
    private final LocalStack stack = stack();
    private final Clock clock = Clock.systemUTC();

    /** The stack the test runs on. */
    protected LocalStack stack() {
        return SharedLocalStack.get();
    }

    /**
     * The Kafka client settings of one party ({@code admin}, {@code publisher}, {@code topology},
     * {@code learner}, {@code runner} or {@code orchestrator}); none on the plain stack.
     */
    protected Map<String, Object> as(String party) {
        return Map.of();
    }

    /** What one start saw. */
    private record Start(PreloadStatus status, int roundTrips, List<String> mismatches) {}

    @Test
    void shouldReachZeroRoundTripsPerStartOnceTheLearnerPublishesWithEveryAnswerRight() throws Exception {
        try (Admin admin =
                Admin.create(with(as("admin"), AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(requests, 1, (short) 1),
                            new NewTopic(manifests, 1, (short) 1)
                                    .configs(Map.of(
                                            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                            new NewTopic(reports, 1, (short) 1),
                            new NewTopic(deadLetters, 1, (short) 1)))
                    .all()
                    .get();
        }
        try (ManifestPublisher publisher = ManifestPublisher.create(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                manifests,
                ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                Duration.ofSeconds(30),
                as("publisher"))) {
            publisher.publish(declaredManifest());
        }
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(workDir.resolve("store"))) {
            ActorKvWriter writer = new ActorKvWriter(store);
            ActorKvReader reader = new ActorKvReader(store);
            Random random = new Random(7);
            for (int i = 0; i < ACTORS; i++) {
                writer.put(actorId(i), StartupKeys.records(random, clock.instant(), 2048, 6, 4, 5));
                writer.put(actorId(DECLARED, i), StartupKeys.records(random, clock.instant(), 2048, 6, 4, 5));
            }
            LinkedBlockingQueue<Start> starts = new LinkedBlockingQueue<>();
            try (PreloadApp topology =
                            PreloadApp.start(topologyConfig(requests, manifests, deadLetters, runnerPattern), store);
                    ManifestLearnerApp learner = ManifestLearnerApp.start(learnerConfig(reports, manifests));
                    RunnerClient runner = RunnerClient.start(
                            RunnerConfig.builder(RUNNER_ID, stack.bootstrapServers(), stack.schemaRegistryUrl())
                                    .commandTopicPattern(runnerPattern)
                                    .pollTimeout(Duration.ofMillis(50))
                                    .startupReports(true)
                                    .startupReportsTopic(reports)
                                    .clientProperties(as("runner"))
                                    .build(),
                            actorId -> new StoreKvClient(actorId, reader, writer, clock),
                            (ActorStartup startup) -> {
                                StoreKvClient truth = new StoreKvClient(startup.actorId(), reader, writer, clock);
                                List<String> mismatches = StartupReads.readAndCheck(
                                        startup.actorId(), startup.kv(), StartupReads.expectedAnswers(truth));
                                starts.add(new Start(startup.status(), startup.kvRoundTrips(), mismatches));
                            });
                    KafkaProducer<String, ActorStartRequested> producer = requestProducer()) {
                int generation = 0;
                // Before learning: every start reads through the store, 5 round trips.
                Start first = start(producer, requests, ++generation, writer, random, starts);
                assertThat(first)
                        .isEqualTo(new Start(PreloadStatus.NO_MANIFEST, StartupReads.READS_PER_START, List.of()));
                int startsUntilPreloaded = 1;
                Start start = first;
                while (start.status() != PreloadStatus.PRELOADED && startsUntilPreloaded < 200) {
                    start = start(producer, requests, ++generation, writer, random, starts);
                    assertThat(start.mismatches()).isEmpty();
                    startsUntilPreloaded++;
                }
                assertThat(start.status())
                        .as("a learned manifest in force within 200 starts")
                        .isEqualTo(PreloadStatus.PRELOADED);
                assertThat(learner.status().get(TYPE).lastPublished()).isGreaterThanOrEqualTo(1);

                // After learning: no round trip, and every answer is still the store's.
                for (int i = 0; i < 30; i++) {
                    Start after = start(producer, requests, ++generation, writer, random, starts);
                    assertThat(after)
                            .as("start %d after learning", i)
                            .isEqualTo(new Start(PreloadStatus.PRELOADED, 0, List.of()));
                }

                // Who wins: a declared manifest not marked learn stays, however its actors read.
                for (int i = 0; i < 25; i++) {
                    Start declared = start(producer, requests, DECLARED, ++generation, writer, random, starts);
                    assertThat(declared)
                            .isEqualTo(new Start(PreloadStatus.PRELOADED, StartupReads.READS_PER_START - 1, List.of()));
                }
                awaitLearnerSaw(learner, DECLARED, 25);
                assertThat(learner.status().get(DECLARED).origin()).isEqualTo("declared");
                assertThat(manifestsOf(manifests, DECLARED)).containsExactly(declaredManifest());
                assertThat(runner.metrics().startupReportsDropped()).isZero();
                System.out.printf(
                        "learned in %d starts; runner metrics %s; learner %s%n",
                        startsUntilPreloaded, runner.metrics().actorTypes(), learner.status());
            }
        }
    }

    /**
     * Changes the actor's state in the store (so the answers must follow the store, not an old
     * preload), requests its start and waits for it.
     */
    private Start start(
            KafkaProducer<String, ActorStartRequested> producer,
            String topic,
            int generation,
            ActorKvWriter writer,
            Random random,
            LinkedBlockingQueue<Start> starts)
            throws Exception {
        return start(producer, topic, TYPE, generation, writer, random, starts);
    }

    private Start start(
            KafkaProducer<String, ActorStartRequested> producer,
            String topic,
            String type,
            int generation,
            ActorKvWriter writer,
            Random random,
            LinkedBlockingQueue<Start> starts)
            throws Exception {
        String actorId = actorId(type, generation % ACTORS);
        writer.put(
                actorId,
                StartupKeys.records(random, clock.instant(), 2048 + random.nextInt(512), 6, 4, 5)
                        .subList(0, 1));
        ActorStartRequested request = ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(generation)
                .setNamespace("it")
                .setActorName(type)
                .setRunnerId(RUNNER_ID)
                .setRequestedAt(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(topic, actorId, request)).get();
        Start start = starts.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(start)
                .as("start of generation %d within %s", generation, PATIENCE)
                .isNotNull();
        return start;
    }

    private static String actorId(int i) {
        return actorId(TYPE, i);
    }

    private static String actorId(String type, int i) {
        return (type.equals(TYPE) ? "actor-" : "declared-") + i;
    }

    /** The declared type's manifest: its state only, not open to learning. */
    private static PreloadManifest declaredManifest() {
        return PreloadManifest.newBuilder()
                .setActorName(DECLARED)
                .setGetKeys(List.of(ByteBuffer.wrap(StartupKeys.STATE)))
                .setPrefixes(List.of())
                .setMaxTotalBytes(ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES)
                .build();
    }

    private static void awaitLearnerSaw(ManifestLearnerApp learner, String type, int reports)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline
                && (learner.status().get(type) == null
                        || learner.status().get(type).startsSeen() < reports)) {
            Thread.sleep(20);
        }
        assertThat(learner.status().get(type).startsSeen()).isEqualTo(reports);
    }

    /** Every manifest record of {@code type} on the manifest topic, to its end. */
    private List<PreloadManifest> manifestsOf(String topic, String type) {
        SpecificAvroSerde<PreloadManifest> serde = new SpecificAvroSerde<>(PreloadManifest.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        List<PreloadManifest> found = new ArrayList<>();
        Map<String, Object> settings =
                with(as("admin"), ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, PreloadManifest> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), serde.deserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, PreloadManifest> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(type)) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }

    private PreloadTopologyConfig topologyConfig(
            String requests, String manifests, String deadLetters, String pattern) {
        Map<String, Object> config = new HashMap<>();
        as("topology").forEach((key, value) -> config.put(PreloadTopologyConfig.STREAMS_PREFIX + key, value));
        config.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, topologyApplicationId);
        config.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        config.put(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, requests);
        config.put(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, manifests);
        config.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, deadLetters);
        config.put(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, pattern);
        config.put(
                PreloadTopologyConfig.STREAMS_PREFIX + "state.dir",
                workDir.resolve("topology").toString());
        config.put(PreloadTopologyConfig.STREAMS_PREFIX + "commit.interval.ms", 50);
        return new PreloadTopologyConfig(config);
    }

    private ManifestLearnerConfig learnerConfig(String reports, String manifests) {
        Map<String, Object> config = new HashMap<>();
        as("learner").forEach((key, value) -> config.put(ManifestLearnerConfig.STREAMS_PREFIX + key, value));
        config.put(ManifestLearnerConfig.APPLICATION_ID_CONFIG, learnerApplicationId);
        config.put(ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        config.put(ManifestLearnerConfig.REPORTS_TOPIC_CONFIG, reports);
        config.put(ManifestLearnerConfig.MANIFESTS_TOPIC_CONFIG, manifests);
        config.put(ManifestLearnerConfig.WINDOW_STARTS_CONFIG, 20);
        config.put(ManifestLearnerConfig.MIN_STARTS_CONFIG, 10);
        config.put(
                ManifestLearnerConfig.STREAMS_PREFIX + "state.dir",
                workDir.resolve("learner").toString());
        config.put(ManifestLearnerConfig.STREAMS_PREFIX + "commit.interval.ms", 50);
        return new ManifestLearnerConfig(config);
    }

    private KafkaProducer<String, ActorStartRequested> requestProducer() {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        Map<String, Object> settings =
                with(as("orchestrator"), ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(settings, new StringSerializer(), serde.serializer());
    }

    private static Map<String, Object> with(Map<String, Object> settings, String key, Object value) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put(key, value);
        return all;
    }
}
