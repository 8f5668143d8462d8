package io.actorpreload.topology;

import static io.actorpreload.topology.StackFixture.actorIds;
import static io.actorpreload.topology.StackFixture.keys;
import static io.actorpreload.topology.StackFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.schemas.contract.CommandLimits;
import io.actorpreload.schemas.contract.DeadLetterHeaders;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault 1, on the real broker and registry under exactly-once: a start request of 2.5 MB
 * (the request topic accepts 8 MiB) is refused by the processor, and its dead letter, larger than
 * what may be written (the producer's 2 MiB max.request.size, or the dead-letter topic's own
 * limit), must still be written, with its headers and as much of the value as fits, while the
 * requests behind it are delivered. Counted with read_committed.
 */
class OversizedRequestIT {
    private static final int HUGE_INPUT = 2_500_000;
    private static final int RUNNER_TOPIC_LIMIT = 2 * 1024 * 1024;
    private static final int GOOD_BEHIND = 5;

    @TempDir
    Path dir;

    private final StackFixture fixture = new StackFixture("oversized");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldDeadLetterAnOversizedRequestCutToTheProducerLimitAndDeliverTheRequestsBehindIt() throws Exception {
        fixture.createTopics(Map.of(), RUNNER_TOPIC_LIMIT, "r0");

        byte[] original = sendHugeRequestBetweenGoodOnes(null);

        ConsumerRecord<String, byte[]> deadLetter = single(fixture.readCommitted(fixture.deadLetterTopic));
        assertCutDeadLetter(deadLetter, original, CommandLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    @Test
    void shouldDeadLetterAnOversizedRequestCutToTheDeadLetterTopicsOwnLimit() throws Exception {
        int topicLimit = 256 * 1024;
        fixture.createTopics(Map.of("max.message.bytes", Integer.toString(topicLimit)), RUNNER_TOPIC_LIMIT, "r0");

        byte[] original = sendHugeRequestBetweenGoodOnes(null);

        assertCutDeadLetter(single(fixture.readCommitted(fixture.deadLetterTopic)), original, topicLimit);
    }

    @Test
    void shouldWriteTheDeadLetterSmallerWhenTheBrokerRefusesIt() throws Exception {
        int loweredLimit = 256 * 1024;
        fixture.createTopics(Map.of(), RUNNER_TOPIC_LIMIT, "r0");

        // The application learns the dead-letter topic's limit when it starts; the topic's limit is
        // lowered after that, so the first dead letter is refused by the broker itself.
        byte[] original = sendHugeRequestBetweenGoodOnes(() -> fixture.admin()
                .incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.TOPIC, fixture.deadLetterTopic),
                        List.of(new AlterConfigOp(
                                new ConfigEntry("max.message.bytes", Integer.toString(loweredLimit)),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get());

        assertCutDeadLetter(single(fixture.readCommitted(fixture.deadLetterTopic)), original, loweredLimit);
    }

    /**
     * Starts the application, sends one good request, runs {@code afterStart}, then the huge
     * request and {@value #GOOD_BEHIND} good ones behind it; waits until all are committed and
     * checks every good one was delivered once. Returns the huge request's bytes.
     */
    private byte[] sendHugeRequestBetweenGoodOnes(Step afterStart) throws Exception {
        PreloadTopologyConfig config = new PreloadTopologyConfig(fixture.settings(dir));
        ActorStartRequested huge = request("huge", "plain", "r0", HUGE_INPUT);
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(config.serdeConfigs(), false);
        byte[] original = serde.serializer().serialize(fixture.requestsTopic, huge);
        try (PreloadApp app = PreloadApp.start(config);
                KafkaProducer<String, byte[]> producer = fixture.rawProducer()) {
            producer.send(new ProducerRecord<>(
                            fixture.requestsTopic,
                            "before",
                            serde.serializer().serialize(fixture.requestsTopic, request("before", "plain", "r0", 0))))
                    .get();
            fixture.awaitAllRequestsProcessed();
            if (afterStart != null) {
                afterStart.run();
            }
            producer.send(new ProducerRecord<>(fixture.requestsTopic, "huge", original))
                    .get();
            for (String actorId : actorIds("behind-", GOOD_BEHIND)) {
                producer.send(new ProducerRecord<>(
                                fixture.requestsTopic,
                                actorId,
                                serde.serializer()
                                        .serialize(fixture.requestsTopic, request(actorId, "plain", "r0", 0))))
                        .get();
            }
            fixture.awaitAllRequestsProcessed();
        }
        List<String> delivered = keys(fixture.readCommitted(fixture.runnerTopic("r0")));
        System.out.printf(
                "OversizedRequestIT: sent %d requests, delivered %d commands%n", GOOD_BEHIND + 2, delivered.size());
        assertThat(delivered).first().isEqualTo("before");
        assertThat(delivered.subList(1, delivered.size())).containsExactlyElementsOf(actorIds("behind-", GOOD_BEHIND));
        return original;
    }

    /** The dead letter keeps its headers, says how large the value was and what was cut, and fits {@code limit}. */
    private void assertCutDeadLetter(ConsumerRecord<String, byte[]> deadLetter, byte[] original, int limit) {
        assertThat(deadLetter.key()).isEqualTo("huge");
        assertThat(header(deadLetter, "__streams.errors.topic")).isEqualTo(fixture.requestsTopic);
        assertThat(header(deadLetter, "__streams.errors.partition")).isEqualTo("0");
        assertThat(header(deadLetter, "__streams.errors.offset")).isEqualTo("1");
        assertThat(header(deadLetter, "__streams.errors.message")).contains("even without preload");
        assertThat(header(deadLetter, DeadLetterHeaders.VALUE_SIZE)).isEqualTo(Integer.toString(original.length));
        assertThat(header(deadLetter, DeadLetterHeaders.LEFT_OUT)).contains("value");
        byte[] kept = deadLetter.value() == null ? new byte[0] : deadLetter.value();
        assertThat(kept.length).isLessThan(limit);
        assertThat(kept).isEqualTo(Arrays.copyOf(original, kept.length));
        System.out.printf(
                "OversizedRequestIT: dead letter kept %d of %d value bytes (limit %d): %s%n",
                kept.length, original.length, limit, header(deadLetter, DeadLetterHeaders.LEFT_OUT));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
