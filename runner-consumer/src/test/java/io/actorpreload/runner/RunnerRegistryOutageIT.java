package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SchemaRegistryServer;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.localstack.WorkDirs;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A runner that starts while the schema registry is down (so it has no schema cached) waits for the
 * registry, then handles every command: none lost, none duplicated, none dead-lettered. Uses a
 * registry of its own, since it stops it, and the shared broker.
 */
class RunnerRegistryOutageIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int COMMANDS = 50;

    private final LocalStack stack = SharedLocalStack.get();
    private final String runnerId = "outage-" + UUID.randomUUID().toString().substring(0, 8);
    private SchemaRegistryServer registry;
    private RunnerClient client;

    @BeforeEach
    void startRegistry() {
        registry = SchemaRegistryServer.start(WorkDirs.create("runner-registry-outage-"));
    }

    @AfterEach
    void stopAll() {
        if (client != null) {
            client.close();
        }
        registry.close();
    }

    @Test
    void shouldWaitOutARegistryOutageThenHandleEveryCommandOnce() throws Exception {
        RunnerConfig config = RunnerConfig.builder(runnerId, stack.bootstrapServers(), registry.url())
                .pollTimeout(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(100))
                .maxRetryBackoff(Duration.ofSeconds(1))
                .build();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(config.commandTopic(), Optional.of(1), Optional.empty())))
                    .all()
                    .get();
            sendCommands(config);

            registry.stop();
            List<String> handled = new CopyOnWriteArrayList<>();
            client = RunnerClient.start(config, actorId -> new InMemoryKvClient(), startup -> {
                StartActorCommand command = startup.command();
                handled.add(command.getActorId() + "/" + command.getGeneration());
            });
            await(
                    "the runner to retry the unreachable registry",
                    () -> client.metrics().schemaRetries() >= 3);
            assertThat(handled).as("handled while the registry is down").isEmpty();

            registry.restart();
            await("all " + COMMANDS + " commands handled", () -> handled.size() >= COMMANDS);
            await("every offset committed", () -> uncommitted(admin, config) == 0);
            client.close();

            assertThat(handled)
                    .isEqualTo(IntStream.rangeClosed(1, COMMANDS)
                            .mapToObj(i -> "actor-" + i + "/1")
                            .collect(Collectors.toList()));
            assertThat(client.metrics().deadLettered()).isZero();
            assertThat(endOffset(admin, new TopicPartition(config.deadLetterTopic(), 0)))
                    .as("dead letters")
                    .isZero();
            assertThat(client.failure()).isEmpty();
        }
    }

    private void sendCommands(RunnerConfig config) throws Exception {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()), false);
        try (KafkaProducer<String, StartActorCommand> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                serde.serializer())) {
            for (int i = 1; i <= COMMANDS; i++) {
                StartActorCommand command = StartActorCommand.newBuilder()
                        .setActorId("actor-" + i)
                        .setGeneration(1)
                        .setNamespace("ns")
                        .setActorName("counter")
                        .setRunnerId(runnerId)
                        .setRequestedAt(Instant.now())
                        .setPreloadedKv(null)
                        .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                        .build();
                producer.send(new ProducerRecord<>(config.commandTopic(), command.getActorId(), command));
            }
            producer.flush();
        }
    }

    private static long uncommitted(Admin admin, RunnerConfig config) {
        try {
            TopicPartition partition = new TopicPartition(config.commandTopic(), 0);
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return endOffset(admin, partition) - (committed == null ? 0 : committed.offset());
        } catch (Exception e) {
            return -1;
        }
    }

    private static long endOffset(Admin admin, TopicPartition partition) throws Exception {
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
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
}
