package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.ReadMethod;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.avro.StartupRead;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A runner with start-up reports on, on the real broker and registry: one report per start, read back. */
class StartupReportsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final LocalStack stack = SharedLocalStack.get();
    private final String runnerId = "reports-" + UUID.randomUUID().toString().substring(0, 8);
    private final String reportsTopic = "actor-start-reports-" + runnerId;

    @Test
    void shouldPublishOneReportPerStartWithEveryReadAndCountItSent() throws Exception {
        InMemoryKvClient store = new InMemoryKvClient().with(entry("state"), entry("conn/1"));
        RunnerConfig config = RunnerConfig.builder(runnerId, stack.bootstrapServers(), stack.schemaRegistryUrl())
                .pollTimeout(Duration.ofMillis(100))
                .startupReports(true)
                .startupReportsTopic(reportsTopic)
                .build();
        int starts = 5;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            // The reports topic belongs to the deployment, like the manifest topic: the library does not create it.
            admin.createTopics(List.of(new NewTopic(reportsTopic, 1, (short) 1)))
                    .all()
                    .get();
        }
        try (RunnerClient client = RunnerClient.start(config, actorId -> store, startup -> {
            startup.kv().batchGet(keys("state"));
            startup.kv().listPrefix(b("conn/"));
        })) {
            SpecificAvroSerde<StartActorCommand> serde = serde(StartActorCommand.class);
            try (KafkaProducer<String, StartActorCommand> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                    new StringSerializer(),
                    serde.serializer())) {
                for (int i = 0; i < starts; i++) {
                    producer.send(new ProducerRecord<>(client.commandTopic(), "actor-" + i, command("actor-" + i)))
                            .get();
                }
            }
            List<ActorStartReport> reports = read(starts);

            assertThat(reports)
                    .extracting(ActorStartReport::getActorId)
                    .containsExactlyInAnyOrder("actor-0", "actor-1", "actor-2", "actor-3", "actor-4");
            assertThat(reports).allSatisfy(report -> {
                assertThat(report.getActorName()).isEqualTo("chat");
                assertThat(report.getRunnerId()).isEqualTo(runnerId);
                assertThat(report.getPreloadStatus()).isEqualTo(PreloadStatus.NO_MANIFEST);
                assertThat(report.getReadRoundTrips()).isEqualTo(2);
                assertThat(report.getReads())
                        .extracting(StartupRead::getMethod, StartupRead::getAnsweredByPreload)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(ReadMethod.GET, false),
                                org.assertj.core.groups.Tuple.tuple(ReadMethod.LIST_PREFIX, false));
            });
            // The acknowledgement callback may run just after the consumer saw the record.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (client.metrics().startupReportsSent() < starts && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.metrics().startupReportsSent()).isEqualTo(starts);
            assertThat(client.metrics().startupReportsDropped()).isZero();
            assertThat(client.metrics().actorTypes().get("chat"))
                    .isEqualTo(new ActorTypeStartups(starts, 2L * starts, 0, 0));
        }
    }

    private List<ActorStartReport> read(int count) {
        SpecificAvroSerde<ActorStartReport> serde = serde(ActorStartReport.class);
        List<ActorStartReport> reports = new ArrayList<>();
        try (KafkaConsumer<String, ActorStartReport> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "reader-" + runnerId,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                serde.deserializer())) {
            consumer.subscribe(List.of(reportsTopic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (reports.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, ActorStartReport> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(record.value().getActorName());
                    reports.add(record.value());
                }
            }
        }
        return reports;
    }

    private StartActorCommand command(String actorId) {
        return StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("ns")
                .setActorName("chat")
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.now())
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                .build();
    }

    private <T extends org.apache.avro.specific.SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        return serde;
    }
}
