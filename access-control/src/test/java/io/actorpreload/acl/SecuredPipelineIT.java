package io.actorpreload.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.testkit.TestKvStore;
import io.actorpreload.topology.PreloadApp;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the secured shared stack (SASL/SCRAM-SHA-512, StandardAuthorizer), every party
 * its own principal with exactly the ACLs {@link AccessControl} grants its role: the orchestrator writes
 * start requests, the publisher a manifest, the topology (exactly-once, preloads in flight, so its
 * changelog and transactional ids are exercised) turns them into commands, and runners {@code 1} and
 * {@code 10} (one id a prefix of the other) register themselves and start their actors; every request
 * reaches its handler exactly once. Then each forbidden operation is tried and must be refused; their
 * number is printed. Bounded by the class's timeout, never timed.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SecuredPipelineIT {
    private static final int REQUESTS = 200;
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final List<String> RUNNERS = List.of("1", "10");

    private static final LocalStack STACK = SharedLocalStack.secured();
    private static final String ID = "sec-" + UUID.randomUUID().toString().substring(0, 8);
    private static final PipelineNames NAMES = new PipelineNames(
                    ID + ".actor-start-requests",
                    ID + ".actor-preload-manifests",
                    ID + ".actor-start-requests.dlq",
                    new RunnerTopicNaming(ID + ".runner.{runnerId}.commands"))
            .withApplicationIds(ID, "learner-" + ID);
    private static final Map<String, String> PASSWORDS = new HashMap<>();
    private static Admin admin;

    @TempDir
    static Path dir;

    @BeforeAll
    static void provision() throws Exception {
        Map<String, Object> adminProps = new HashMap<>(STACK.broker().adminClientProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        admin = Admin.create(adminProps);
        admin.createTopics(List.of(
                        new NewTopic(NAMES.startRequests(), 1, (short) 1),
                        new NewTopic(NAMES.manifests(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                        new NewTopic(NAMES.deadLetters(), 1, (short) 1)))
                .all()
                .get();
        grant("topology", new PipelineRole.Topology());
        grant("orchestrator", new PipelineRole.Orchestrator());
        grant("publisher", new PipelineRole.ManifestPublisher());
        for (String runner : RUNNERS) {
            grant("runner-" + runner, PipelineRole.Runner.of(runner));
        }
    }

    private static void grant(String user, PipelineRole role) {
        grant(user, role, NAMES);
    }

    private static void grant(String user, PipelineRole role, PipelineNames names) {
        String password = user + "-" + UUID.randomUUID();
        PASSWORDS.put(user, password);
        STACK.broker().createScramUser(user, password);
        AccessControl.bindings("User:" + user, role, names)
                .forEach(b -> System.out.println("SecuredPipelineIT grants " + AccessControl.describe(b)));
        AccessControl.grant(admin, "User:" + user, role, names, Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close();
        }
    }

    private static Map<String, Object> as(String user) {
        return STACK.broker().clientProperties(user, PASSWORDS.get(user));
    }

    @Test
    void shouldRunThePipelineEndToEndUnderTheRolesAcls() throws Exception {
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        Map<String, String> handledBy = new ConcurrentHashMap<>();
        List<RunnerClient> runners = new ArrayList<>();
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(dir.resolve("store"))) {
            try (ManifestPublisher publisher = ManifestPublisher.create(
                    STACK.bootstrapServers(),
                    STACK.schemaRegistryUrl(),
                    NAMES.manifests(),
                    ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                    Duration.ofSeconds(60),
                    as("publisher"))) {
                publisher.publish(manifest("counter"));
            }
            for (String runner : RUNNERS) {
                RunnerConfig config = RunnerConfig.builder(runner, STACK.bootstrapServers(), STACK.schemaRegistryUrl())
                        .commandTopicPattern(NAMES.runnerTopics().pattern())
                        .clientProperties(as("runner-" + runner))
                        .pollTimeout(Duration.ofMillis(100))
                        .build();
                runners.add(RunnerClient.start(config, new TestKvStore().kvClients(), startup -> {
                    StartActorCommand command = startup.command();
                    handled.computeIfAbsent(command.getActorId().toString(), k -> new AtomicInteger())
                            .incrementAndGet();
                    handledBy.put(command.getActorId().toString(), runner + "/" + command.getPreloadStatus());
                }));
            }
            try (PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(topologySettings()), store)) {
                sendRequests();
                awaitTrue("every request reaches its runner's handler", () -> handled.size() == REQUESTS);
                awaitTrue("the topology commits every request", () -> committed(ID) >= REQUESTS);
            }
        } finally {
            runners.forEach(RunnerClient::close);
        }
        for (RunnerClient runner : runners) {
            assertThat(runner.failure()).isEmpty();
            assertThat(runner.metrics().deadLettered()).isZero();
        }
        assertThat(handled).hasSize(REQUESTS);
        assertThat(handled.values()).allMatch(count -> count.get() == 1);
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(handledBy.get("actor-" + i)).isEqualTo(runnerOf(i) + "/" + PreloadStatus.PRELOADED);
        }
        assertThat(endOffset(NAMES.deadLetters())).isZero();
        // The in-flight store's changelog was created and written under the <application.id>- prefix grants.
        assertThat(admin.listTopics().names().get()).contains(ID + "-actor-preload-in-flight-changelog");
        System.out.println(
                "SecuredPipelineIT: " + REQUESTS + " requests, each handled exactly once by its runner under ACLs");
    }

    @Test
    void shouldRefuseEveryForbiddenOperation() throws Exception {
        for (String runner : RUNNERS) {
            // The topics as the runner registers them, so that refusals are about ACLs, not missing topics.
            RunnerClient.start(
                            RunnerConfig.builder(runner, STACK.bootstrapServers(), STACK.schemaRegistryUrl())
                                    .commandTopicPattern(NAMES.runnerTopics().pattern())
                                    .clientProperties(as("runner-" + runner))
                                    .groupInstanceId("forbidden-check-" + runner)
                                    .build(),
                            new TestKvStore().kvClients(),
                            startup -> {})
                    .close();
        }
        String topicOf1 = NAMES.runnerTopics().commandTopicOf("1");
        String topicOf10 = NAMES.runnerTopics().commandTopicOf("10");
        int refused = 0;

        assertThatThrownBy(() -> read(as("runner-10"), topicOf1)).isInstanceOf(TopicAuthorizationException.class);
        refused++; // runner 10 reads runner 1's commands
        assertThatThrownBy(() -> read(as("runner-1"), topicOf10)).isInstanceOf(TopicAuthorizationException.class);
        refused++; // runner 1 reads runner 10's commands (its id is a prefix of 10's)
        assertThatThrownBy(() -> read(as("runner-1"), NAMES.runnerTopics().deadLetterTopicOf("10")))
                .isInstanceOf(TopicAuthorizationException.class);
        refused++; // runner 1 reads runner 10's dead letters
        assertThatThrownBy(() -> join(as("runner-10"), "runner-1", topicOf10))
                .isInstanceOf(GroupAuthorizationException.class);
        refused++; // runner 10 joins runner 1's group
        assertThatThrownBy(() -> join(as("runner-1"), "runner-10", topicOf1))
                .isInstanceOf(GroupAuthorizationException.class);
        refused++; // runner 1 joins runner 10's group
        assertThatThrownBy(() -> write(as("runner-1"), NAMES.startRequests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // a runner writes start requests
        assertThatThrownBy(() -> write(as("runner-1"), NAMES.manifests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // a runner writes manifests
        assertThatThrownBy(() -> write(as("runner-1"), topicOf10))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // a runner writes another runner's commands
        assertThatThrownBy(() -> read(as("orchestrator"), topicOf1)).isInstanceOf(TopicAuthorizationException.class);
        refused++; // the orchestrator reads a runner topic
        assertThatThrownBy(() -> write(as("orchestrator"), NAMES.manifests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // the orchestrator writes manifests
        assertThatThrownBy(() -> write(as("publisher"), NAMES.startRequests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // the publisher writes start requests
        assertThatThrownBy(() -> read(as("publisher"), NAMES.startRequests()))
                .isInstanceOf(TopicAuthorizationException.class);
        refused++; // the publisher reads start requests
        assertThatThrownBy(() -> read(as("topology"), topicOf1)).isInstanceOf(TopicAuthorizationException.class);
        refused++; // the topology reads a runner topic
        assertThatThrownBy(() -> write(as("topology"), NAMES.startRequests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        refused++; // the topology writes start requests
        Map<String, Object> wrongPassword =
                STACK.broker().clientProperties("runner-1", "not-" + PASSWORDS.get("runner-1"));
        assertThatThrownBy(() -> read(wrongPassword, topicOf1)).isInstanceOf(SaslAuthenticationException.class);
        refused++; // a wrong password

        System.out.println("SecuredPipelineIT: " + refused + " forbidden operations tried, " + refused + " refused");
        assertThat(refused).isEqualTo(15);
    }

    /**
     * With every name at its default, the topology's PREFIXED grants stay its own: it can create its
     * internal topics, but not write the manifest topic, take the learner's transactional ids or
     * create the learner's changelog, which the grants of application.id actor-preload allowed.
     */
    @Test
    void shouldKeepTheTopologyOutOfTheManifestsAndTheLearnerWithTheDefaultNames() throws Exception {
        PipelineNames defaults = PipelineNames.defaults();
        admin.createTopics(List.of(
                        new NewTopic(defaults.manifests(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                .all()
                .get();
        grant("topology-defaults", new PipelineRole.Topology(), defaults);
        Map<String, Object> topology = new HashMap<>(as("topology-defaults"));
        topology.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        String learnerPrefix = defaults.learnerApplicationId() + "-";

        try (Admin asTopology = Admin.create(topology)) {
            asTopology
                    .createTopics(
                            List.of(new NewTopic(defaults.topologyApplicationId() + "-probe-changelog", 1, (short) 1)))
                    .all()
                    .get(); // its own internal topics: allowed
            assertThatThrownBy(() -> asTopology
                            .createTopics(
                                    List.of(new NewTopic(learnerPrefix + "learner-windows-changelog", 1, (short) 1)))
                            .all()
                            .get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        assertThatThrownBy(() -> write(as("topology-defaults"), defaults.manifests()))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
        Map<String, Object> transactional = new HashMap<>(as("topology-defaults"));
        transactional.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        transactional.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, learnerPrefix + "probe");
        transactional.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(transactional, new ByteArraySerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    private Map<String, Object> topologySettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        settings.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, STACK.schemaRegistryUrl());
        settings.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, ID);
        settings.put(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, NAMES.startRequests());
        settings.put(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, NAMES.manifests());
        settings.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, NAMES.deadLetters());
        settings.put(
                PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG,
                NAMES.runnerTopics().pattern());
        settings.put(
                PreloadTopologyConfig.ROCKSDB_DATA_DIR_CONFIG,
                dir.resolve("unused").toString());
        settings.put(PreloadTopologyConfig.SHUTDOWN_TIMEOUT_MS_CONFIG, "20000");
        settings.put("streams.commit.interval.ms", "100");
        settings.put("streams.num.stream.threads", "1");
        settings.put("streams.state.dir", dir.resolve("streams").toString());
        settings.put("streams.replication.factor", "1");
        // The topology's principal, the Kafka way: the client security settings under streams.
        as("topology").forEach((key, value) -> settings.put(PreloadTopologyConfig.STREAMS_PREFIX + key, value));
        return settings;
    }

    private void sendRequests() throws Exception {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, STACK.schemaRegistryUrl()), false);
        Map<String, Object> props = new HashMap<>(as("orchestrator"));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, ActorStartRequested> producer =
                new KafkaProducer<>(props, new StringSerializer(), serde.serializer())) {
            for (int i = 0; i < REQUESTS; i++) {
                String actorId = "actor-" + i;
                producer.send(new ProducerRecord<>(
                        NAMES.startRequests(),
                        actorId,
                        ActorStartRequested.newBuilder()
                                .setActorId(actorId)
                                .setGeneration(1)
                                .setNamespace("it")
                                .setActorName("counter")
                                .setRunnerId(runnerOf(i))
                                .setRequestedAt(Instant.now())
                                .setInput(null)
                                .build()));
            }
            producer.flush();
        }
    }

    private static String runnerOf(int request) {
        return RUNNERS.get(request % RUNNERS.size());
    }

    private static PreloadManifest manifest(String actorName) {
        return PreloadManifest.newBuilder()
                .setActorName(actorName)
                .setGetKeys(List.of(ByteBuffer.wrap("state".getBytes(StandardCharsets.UTF_8))))
                .setPrefixes(List.of(PrefixRequest.newBuilder()
                        .setPrefix(ByteBuffer.wrap("conn/".getBytes(StandardCharsets.UTF_8)))
                        .setMaxBytes(4096)
                        .setPartial(true)
                        .build()))
                .setMaxTotalBytes(16_384)
                .build();
    }

    /** Reads {@code topic} without a group (assign): fails as the broker refuses, or returns after the bound. */
    private static void read(Map<String, Object> security, String topic) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            pollUntilRefused(consumer);
        }
    }

    /** Joins {@code group} subscribed to {@code topic} (one the principal may read). */
    private static void join(Map<String, Object> security, String group, String topic) {
        Map<String, Object> props = new HashMap<>(security);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            pollUntilRefused(consumer);
        }
    }

    private static void pollUntilRefused(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500));
        }
    }

    /** Writes one record to {@code topic} with an idempotent producer and waits for the answer. */
    private static void write(Map<String, Object> security, String topic) throws Exception {
        Map<String, Object> props = new HashMap<>(security);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "forbidden".getBytes(StandardCharsets.UTF_8), new byte[1]))
                    .get();
        }
    }

    private static long committed(String group) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(new TopicPartition(NAMES.startRequests(), 0));
            return offset == null ? 0 : offset.offset();
        } catch (Exception e) {
            return 0;
        }
    }

    private static long endOffset(String topic) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " for " + what + " in vain");
            }
            Thread.sleep(200);
        }
    }
}
