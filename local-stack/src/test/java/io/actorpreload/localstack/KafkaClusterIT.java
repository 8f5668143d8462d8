package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
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
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replicated cluster of three nodes: a topic gets three replicas; the leader SIGKILLed (by its handle)
 * hands its partition to another node and loses no acknowledged record; with two nodes down a write
 * with {@code acks=all} is refused, never acknowledged; every node comes back in sync.
 */
class KafkaClusterIT {
    private static final String TOPIC = "cluster-it";
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        cluster = KafkaCluster.startReplicated(WorkDirs.create("kafka-cluster-it-"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldFailOverWithoutLosingAcknowledgedRecordsAndRefuseWritesBelowTheInSyncMinimum() throws Exception {
        assertThat(cluster.nodes()).extracting(KafkaBroker::nodeId).containsExactly(1, 2, 3);
        assertThat(cluster.activeController().nodeId()).isBetween(1, 3);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty())))
                    .all()
                    .get();
            assertThat(admin.describeTopics(List.of(TOPIC))
                            .allTopicNames()
                            .get()
                            .get(TOPIC)
                            .partitions()
                            .get(0)
                            .replicas())
                    .as("replicas of a topic created with the broker's default")
                    .hasSize(3);
        }
        List<String> acknowledged = new ArrayList<>(produce(50, "before", 60_000));

        KafkaBroker leader = cluster.leaderOf(TOPIC, 0);
        ProcessHandle killed = leader.processHandle();
        killed.destroyForcibly();
        killed.onExit().get(30, TimeUnit.SECONDS);
        acknowledged.addAll(produce(50, "after-leader-kill", 60_000));
        assertThat(cluster.leaderOf(TOPIC, 0).nodeId()).isNotEqualTo(leader.nodeId());

        KafkaBroker second = cluster.leaderOf(TOPIC, 0);
        second.stop();
        assertThatThrownBy(() -> produce(1, "below-min-insync", 10_000))
                .as("one broker of three alive, below min.insync.replicas=2 (and the quorum): never acknowledged")
                .isInstanceOfAny(
                        NotEnoughReplicasException.class,
                        TimeoutException.class,
                        java.util.concurrent.TimeoutException.class);

        second.restart();
        leader.restart();
        cluster.awaitReplicasInSync(Duration.ofSeconds(60));
        acknowledged.addAll(produce(50, "after-restarts", 60_000));

        assertThat(readAll(acknowledged.size())).containsExactlyElementsOf(acknowledged);
    }

    /**
     * Sends {@code count} records with acks=all, each acknowledged before the next (or failed after
     * {@code deliveryTimeoutMs}); returns their values.
     */
    private static List<String> produce(int count, String prefix, int deliveryTimeoutMs) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                deliveryTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                ProducerConfig.LINGER_MS_CONFIG,
                0);
        List<String> values = new ArrayList<>();
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        try {
            for (int i = 0; i < count; i++) {
                String value = prefix + "-" + i;
                try {
                    producer.send(new ProducerRecord<>(TOPIC, value))
                            .get(deliveryTimeoutMs + 10_000L, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                values.add(value);
            }
        } finally {
            // Bounded: without a quorum an idempotent producer's close would wait for its producer id forever.
            producer.close(Duration.ofSeconds(5));
        }
        return values;
    }

    private static List<String> readAll(int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
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
