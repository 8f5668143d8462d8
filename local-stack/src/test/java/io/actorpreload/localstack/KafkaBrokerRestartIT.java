package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.internals.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A broker of its own, killed (SIGKILL, by its handle) and restarted, then stopped and restarted:
 * down in between, back at the same bootstrap servers after, with the records it acknowledged.
 */
class KafkaBrokerRestartIT {
    private static final String TOPIC = "restart-it";

    @Test
    void shouldKeepItsAddressAndRecordsAcrossAKillAndAStop() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(WorkDirs.create("broker-restart-it-"))) {
            String bootstrap = broker.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty())))
                        .all()
                        .get();
            }
            produce(bootstrap, "before-kill");
            ProcessHandle first = broker.processHandle();

            first.destroyForcibly();
            first.onExit().get(30, TimeUnit.SECONDS);
            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(broker.processHandle().pid()).isNotEqualTo(first.pid());
            produce(bootstrap, "after-kill");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(Ports.isAccepting(broker.port())).isFalse();
            broker.restart();

            assertThat(readAll(bootstrap, 2)).containsExactly("before-kill", "after-kill");
        }
    }

    private static void produce(String bootstrap, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
