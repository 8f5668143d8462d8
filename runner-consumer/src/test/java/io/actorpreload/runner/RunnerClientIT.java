package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.contract.DeadLetterHeaders;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link RunnerClient} against the real broker and registry of the shared {@link LocalStack}. */
class RunnerClientIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final LocalStack stack = SharedLocalStack.get();
    private final String runnerId = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    /** An id no schema has: the local registry's ids are small sequence numbers. */
    private static final int UNKNOWN_SCHEMA_ID = 2_000_000_000;

    private final SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
    private KafkaProducer<String, StartActorCommand> producer;
    private KafkaProducer<String, byte[]> rawProducer;
    private KafkaProducer<byte[], byte[]> bytesProducer;
    private Admin admin;

    @BeforeEach
    void setUp() {
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
        rawProducer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        bytesProducer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        producer.close();
        rawProducer.close();
        bytesProducer.close();
        admin.close();
    }

    private RunnerConfig config(int partitions) {
        return configBuilder(partitions).build();
    }

    private RunnerConfig.Builder configBuilder(int partitions) {
        return RunnerConfig.builder(runnerId, stack.bootstrapServers(), stack.schemaRegistryUrl())
                .topicPartitions(partitions)
                .maxMessageBytes(3 * 1024 * 1024)
                .pollTimeout(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(100))
                .maxRetryBackoff(Duration.ofMillis(400));
    }

    private RunnerClient start(RunnerConfig config, ActorStartupHandler handler) {
        RunnerClient client = RunnerClient.start(config, actorId -> new InMemoryKvClient(), handler);
        toClose.add(client);
        return client;
    }

    private static StartActorCommand command(String actorId, long generation) {
        return StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(generation)
                .setNamespace("ns")
                .setActorName("counter")
                .setRunnerId("r")
                .setRequestedAt(Instant.now())
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                .build();
    }

    private void send(String topic, StartActorCommand command) throws Exception {
        producer.send(new ProducerRecord<>(topic, command.getActorId(), command))
                .get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for " + what + " after " + PATIENCE);
            }
            Thread.sleep(50);
        }
    }

    private static String id(StartActorCommand command) {
        return command.getActorId() + "/" + command.getGeneration();
    }

    /** Committed offsets of the runner's group, per partition, minus the topic's end offsets: 0 when all is committed. */
    private long uncommitted(RunnerConfig config) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                .partitionsToOffsetAndMetadata()
                .get();
        TopicDescription topic = admin.describeTopics(List.of(config.commandTopic()))
                .allTopicNames()
                .get()
                .get(config.commandTopic());
        Map<TopicPartition, OffsetSpec> latest = topic.partitions().stream()
                .collect(Collectors.toMap(
                        p -> new TopicPartition(config.commandTopic(), p.partition()), p -> OffsetSpec.latest()));
        long behind = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            behind += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return behind;
    }

    @Test
    void shouldCreateTheRunnerTopicWithTheConfiguredSizeLimit() throws Exception {
        RunnerConfig config = config(3);
        start(config, startup -> {});
        TopicDescription topic = admin.describeTopics(List.of(config.commandTopic()))
                .allTopicNames()
                .get()
                .get(config.commandTopic());
        assertThat(topic.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, config.commandTopic());
        assertThat(admin.describeConfigs(List.of(resource))
                        .all()
                        .get()
                        .get(resource)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                        .value())
                .isEqualTo(Integer.toString(3 * 1024 * 1024));
    }

    @Test
    void shouldDeliverEachCommandOnceInOrderPerActor() throws Exception {
        RunnerConfig config = config(3);
        List<StartActorCommand> handled = new CopyOnWriteArrayList<>();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            handled.add(command);
        });
        List<String> actors = List.of("actor-a", "actor-b", "actor-c", "actor-d");
        for (long generation = 1; generation <= 5; generation++) {
            for (String actor : actors) {
                send(config.commandTopic(), command(actor, generation));
            }
        }
        send(config.commandTopic(), command("actor-a", 3)); // a redelivery of an already sent command
        await("20 commands handled", () -> handled.size() >= 20);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);
        // The counters in JMX, as an operator's agent reads them, beside the consumer's own metrics.
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName runner = new ObjectName("actor.preload.runner:type=runner-metrics,runner-id=" + runnerId);
        ObjectName counterType = new ObjectName(
                "actor.preload.runner:type=runner-actor-type-metrics,runner-id=" + runnerId + ",actor-type=counter");
        await("the redelivery counted", () -> attribute(jmx, runner, "redeliveries-skipped-total") == 1);
        assertThat(attribute(jmx, runner, "commands-handled-total")).isEqualTo(20);
        assertThat(attribute(jmx, counterType, "starts-total")).isEqualTo(20);
        assertThat(attribute(jmx, runner, "dead-lettered-total")).isZero();
        assertThat(client.health()).isEqualTo(RunnerHealth.RUNNING);
        assertThat(client.health().isReady()).isTrue();
        client.close();
        assertThat(client.health()).isEqualTo(RunnerHealth.CLOSED);
        assertThat(client.health().isReady()).isFalse();
        assertThat(jmx.isRegistered(runner)).as("unregistered at close").isFalse();

        assertThat(handled).hasSize(20);
        for (String actor : actors) {
            assertThat(handled.stream()
                            .filter(c -> c.getActorId().equals(actor))
                            .map(StartActorCommand::getGeneration))
                    .as(actor)
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
        }
        assertThat(client.failure()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(OffsetCommits.class)
    void shouldCommitEachCommandOrOncePerPollAsConfigured(OffsetCommits when) throws Exception {
        RunnerConfig config = configBuilder(1).offsetCommits(when).build();
        int commands = 100;
        // All of them are in the topic before the client's first poll, so few polls fetch them.
        admin.createTopics(List.of(new NewTopic(config.commandTopic(), 1, (short) 1)
                        .configs(Map.of(
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.maxMessageBytes())))))
                .all()
                .get();
        for (int i = 1; i <= commands; i++) {
            producer.send(new ProducerRecord<>(config.commandTopic(), "actor-" + i, command("actor-" + i, 1)));
        }
        producer.flush();
        List<String> handled = new CopyOnWriteArrayList<>();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            handled.add(id(command));
        });
        await(commands + " commands handled", () -> handled.size() >= commands);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);

        assertThat(handled).hasSize(commands).doesNotHaveDuplicates();
        if (when == OffsetCommits.EACH_COMMAND) {
            assertThat(client.metrics().offsetCommits()).isEqualTo(commands);
        } else {
            assertThat(client.metrics().offsetCommits()).isBetween(1L, commands / 10L);
        }
    }

    @Test
    void shouldNeitherRepeatNorLoseCommandsAcrossARestart() throws Exception {
        // Enough attempts that generation 3 is still being retried, not dead-lettered, when the client closes.
        RunnerConfig config = configBuilder(1).maxHandlerAttempts(1_000).build();
        List<String> first = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOfThird = new AtomicInteger();
        RunnerClient firstClient = start(config, startup -> {
            StartActorCommand command = startup.command();
            if (command.getGeneration() == 3) {
                attemptsOfThird.incrementAndGet();
                throw new IllegalStateException("cannot start generation 3 now");
            }
            first.add(id(command));
        });
        for (long generation = 1; generation <= 5; generation++) {
            send(config.commandTopic(), command("actor-a", generation));
        }
        await("generation 3 tried twice", () -> attemptsOfThird.get() >= 2);
        firstClient.close();
        send(config.commandTopic(), command("actor-a", 6));

        List<String> second = new CopyOnWriteArrayList<>();
        start(config, startup -> {
            StartActorCommand command = startup.command();
            second.add(id(command));
        });
        await("the rest handled after the restart", () -> second.size() >= 4);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);

        assertThat(first).containsExactly("actor-a/1", "actor-a/2");
        assertThat(second).containsExactly("actor-a/3", "actor-a/4", "actor-a/5", "actor-a/6");
    }

    @Test
    void shouldDeadLetterUndecodableCommandsWithTheirBytesIntactAndMoveOn() throws Exception {
        RunnerConfig config = config(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            handled.add(id(command));
        });
        byte[] valid = serde.serializer().serialize(config.commandTopic(), command("actor-a", 9));
        byte[] wrongMagic = "not avro".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(valid, 8);
        byte[] shorterThanTheHeader = {0, 0, 0};
        send(config.commandTopic(), command("actor-a", 1));
        List<Long> poisonOffsets = new ArrayList<>();
        for (byte[] poison : List.of(wrongMagic, truncated, shorterThanTheHeader)) {
            poisonOffsets.add(rawProducer
                    .send(new ProducerRecord<>(config.commandTopic(), "actor-a", poison))
                    .get()
                    .offset());
        }
        poisonOffsets.add(rawProducer
                .send(new ProducerRecord<>(config.commandTopic(), "actor-a", null))
                .get()
                .offset());
        send(config.commandTopic(), command("actor-a", 2));

        await("both valid commands handled", () -> handled.size() >= 2);
        await("every offset committed, the poison records too", () -> uncommittedQuietly(config) == 0);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(config, 4);
        client.close();

        assertThat(handled).containsExactly("actor-a/1", "actor-a/2");
        assertThat(client.metrics().commandsHandled()).isEqualTo(2);
        assertThat(client.metrics().deadLettered()).isEqualTo(4);
        assertThat(deadLetters).extracting(RunnerClientIT::keyText).containsOnly("actor-a");
        assertThat(deadLetters)
                .extracting(ConsumerRecord::value)
                .containsExactly(wrongMagic, truncated, shorterThanTheHeader, null);
        assertThat(deadLetters)
                .extracting(r -> header(r, DeadLetterHeaders.REASON))
                .containsExactly("UNDECODABLE", "UNDECODABLE", "UNDECODABLE", "NO_VALUE");
        assertThat(deadLetters)
                .extracting(r -> header(r, DeadLetterHeaders.TOPIC))
                .containsOnly(config.commandTopic());
        assertThat(deadLetters)
                .extracting(r -> header(r, DeadLetterHeaders.PARTITION))
                .containsOnly("0");
        assertThat(deadLetters)
                .extracting(r -> Long.parseLong(header(r, DeadLetterHeaders.OFFSET)))
                .containsExactlyElementsOf(poisonOffsets);
        // The truncated record names the schema id of its header; the others have none.
        assertThat(header(deadLetters.get(1), DeadLetterHeaders.SCHEMA_ID))
                .isEqualTo(Integer.toString(schemaIdOf(valid)));
        assertThat(deadLetters.get(0).headers().lastHeader(DeadLetterHeaders.SCHEMA_ID))
                .isNull();
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.EXCEPTION)).contains("InvalidAvroPayloadException");
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.MESSAGE)).contains("WRONG_MAGIC_BYTE");
        assertThat(client.failure()).isEmpty();
    }

    @Test
    void shouldRetryAnUnknownSchemaIdAndDeadLetterItWhenItStaysUnknown() throws Exception {
        RunnerConfig config =
                configBuilder(1).unknownSchemaTimeout(Duration.ofSeconds(2)).build();
        List<String> handled = new CopyOnWriteArrayList<>();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            handled.add(id(command));
        });
        byte[] valid = serde.serializer().serialize(config.commandTopic(), command("actor-a", 9));
        // A well-formed command whose schema id the registry does not know (as after a registry lost its data).
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(UNKNOWN_SCHEMA_ID);
        send(config.commandTopic(), command("actor-a", 1));
        long poisonOffset = rawProducer
                .send(new ProducerRecord<>(config.commandTopic(), "actor-a", unknownId))
                .get()
                .offset();
        send(config.commandTopic(), command("actor-a", 2));

        await("both valid commands handled", () -> handled.size() >= 2);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(config, 1);
        client.close();

        assertThat(handled).containsExactly("actor-a/1", "actor-a/2");
        // Retried (with growing waits) before it was given up, not skipped at the first miss.
        assertThat(client.metrics().schemaRetries()).isGreaterThan(1);
        assertThat(client.metrics().deadLettered()).isEqualTo(1);
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).value()).isEqualTo(unknownId);
        assertThat(Integer.parseInt(header(deadLetters.get(0), DeadLetterHeaders.ATTEMPTS)))
                .isGreaterThan(1);
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.REASON)).isEqualTo("UNKNOWN_SCHEMA_ID");
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.SCHEMA_ID))
                .isEqualTo(Integer.toString(UNKNOWN_SCHEMA_ID));
        assertThat(header(deadLetters.get(0), DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(poisonOffset));
    }

    @Test
    void shouldDeadLetterACommandWhoseHandlerKeepsFailingAndMoveOn() throws Exception {
        RunnerConfig config = config(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOfBad = new AtomicInteger();
        AtomicBoolean fixed = new AtomicBoolean();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            if (command.getActorId().equals("actor-bad") && !fixed.get()) {
                attemptsOfBad.incrementAndGet();
                throw new IllegalStateException("actor-bad never starts");
            }
            handled.add(id(command));
        });
        send(config.commandTopic(), command("actor-a", 1));
        send(config.commandTopic(), command("actor-bad", 1));
        send(config.commandTopic(), command("actor-a", 2));

        await("the command behind the failing one handled", () -> handled.size() >= 2);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(config, 1);
        assertThat(handled).containsExactly("actor-a/1", "actor-a/2");
        assertThat(attemptsOfBad.get()).isEqualTo(5);
        assertThat(client.metrics().handlerFailures()).isEqualTo(5);

        // Once the cause is fixed, the dead letter is replayed and the actor starts.
        fixed.set(true);
        bytesProducer.send(RunnerDeadLetters.replay(deadLetters.get(0))).get();
        await("the replayed command handled", () -> handled.size() >= 3);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);
        client.close();

        assertThat(handled).containsExactly("actor-a/1", "actor-a/2", "actor-bad/1");
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(keyText(deadLetter)).isEqualTo("actor-bad");
        assertThat(serde.deserializer().deserialize(config.commandTopic(), deadLetter.value()))
                .isEqualTo(command("actor-bad", 1, deadLetter.value()));
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("HANDLER_FAILED");
        assertThat(header(deadLetter, DeadLetterHeaders.EXCEPTION)).isEqualTo(IllegalStateException.class.getName());
        assertThat(header(deadLetter, DeadLetterHeaders.MESSAGE)).isEqualTo("actor-bad never starts");
        assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("5");
        assertThat(client.failure()).isEmpty();
    }

    @Test
    void shouldStillWriteADeadLetterTooLargeForADeadLetterTopicMadeByHand() throws Exception {
        RunnerConfig config = config(1);
        // Someone made the dead-letter topic before the runner did, with a much smaller limit.
        admin.createTopics(List.of(new NewTopic(config.deadLetterTopic(), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "4096"))))
                .all()
                .get();
        List<String> handled = new CopyOnWriteArrayList<>();
        RunnerClient client = start(config, startup -> {
            StartActorCommand command = startup.command();
            handled.add(id(command));
        });
        byte[] large = new byte[20_000];
        Arrays.fill(large, (byte) 'x');
        long offset = rawProducer
                .send(new ProducerRecord<>(config.commandTopic(), "actor-a", large))
                .get()
                .offset();
        send(config.commandTopic(), command("actor-a", 1));

        await("the command behind the large one handled", () -> handled.size() >= 1);
        await("every offset committed", () -> uncommittedQuietly(config) == 0);
        List<ConsumerRecord<byte[], byte[]>> deadLetters = readDeadLetters(config, 1);
        client.close();

        assertThat(handled).containsExactly("actor-a/1");
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(deadLetter.value()).isNull();
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_SIZE)).isEqualTo("20000");
        assertThat(header(deadLetter, DeadLetterHeaders.LEFT_OUT)).contains("value");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("UNDECODABLE");
        assertThat(header(deadLetter, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(offset));
        assertThatThrownBy(() -> RunnerDeadLetters.replay(deadLetter)).hasMessageContaining("nothing to replay");
    }

    /** The dead letters of the runner, read from the start of its dead-letter topic until {@code count} came. */
    private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(RunnerConfig config, int count) throws Exception {
        String topic = config.commandTopic() + ".dlq";
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            await("the dead-letter topic " + topic, () -> topicExists(topic));
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await(count + " dead letters in " + topic, () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    private boolean topicExists(String topic) {
        try {
            return admin.listTopics().names().get().contains(topic);
        } catch (Exception e) {
            return false;
        }
    }

    private static String keyText(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s of %s", name, record).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int schemaIdOf(byte[] confluentWireFormat) {
        return ByteBuffer.wrap(confluentWireFormat, 1, 4).getInt();
    }

    /** {@code command(actorId, generation)} as it was written in {@code bytes} (its requestedAt differs per call). */
    private StartActorCommand command(String actorId, long generation, byte[] bytes) {
        StartActorCommand written = serde.deserializer().deserialize("any", bytes);
        StartActorCommand expected = command(actorId, generation);
        expected.setRequestedAt(written.getRequestedAt());
        return expected;
    }

    private long uncommittedQuietly(RunnerConfig config) {
        try {
            return uncommitted(config);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long attribute(MBeanServer jmx, ObjectName name, String attribute) {
        try {
            return ((Number) jmx.getAttribute(name, attribute)).longValue();
        } catch (JMException e) {
            return -1;
        }
    }
}
