package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.manifest.InvalidManifestException;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.time.Duration;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** {@link ManifestPublisher} against the real broker and registry of the shared {@link LocalStack}. */
class ManifestPublisherIT {
    private final LocalStack stack = SharedLocalStack.get();
    private final String topic = "manifests-it-" + UUID.randomUUID();

    private static PreloadManifest manifest(String actorName, long prefixMaxBytes) {
        return new PreloadManifest(
                actorName,
                List.of(ByteBuffer.wrap(new byte[] {1})),
                List.of(new PrefixRequest(ByteBuffer.wrap(new byte[] {2}), prefixMaxBytes, true)),
                64 * 1024L,
                null,
                null);
    }

    @Test
    void shouldPublishValidManifestsAndRefuseInvalidOnesBeforeSending() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get();
        }
        try (ManifestPublisher publisher = ManifestPublisher.create(
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                topic,
                ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                Duration.ofSeconds(30),
                Map.of())) {
            publisher.publish(manifest("counter", 4096));
            assertThatThrownBy(() -> publisher.publish(manifest("broken", -1)))
                    .isInstanceOf(InvalidManifestException.class)
                    .hasMessageContaining("-1");
            PreloadManifest greedy = manifest("greedy", 4096);
            greedy.setMaxTotalBytes(ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES + 1);
            assertThatThrownBy(() -> publisher.publish(greedy)).isInstanceOf(InvalidManifestException.class);
            publisher.withdraw("counter");
        }

        List<ConsumerRecord<String, PreloadManifest>> records = readAll();
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("counter", "counter");
        assertThat(records.get(0).value()).isEqualTo(manifest("counter", 4096));
        assertThat(records.get(1).value()).isNull();
    }

    private List<ConsumerRecord<String, PreloadManifest>> readAll() {
        SpecificAvroSerde<PreloadManifest> serde = new SpecificAvroSerde<>(PreloadManifest.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, PreloadManifest> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringDeserializer(),
                serde.deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, PreloadManifest>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
