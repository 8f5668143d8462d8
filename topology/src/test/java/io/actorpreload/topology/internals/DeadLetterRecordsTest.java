package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {
    private static final int LIMIT = 64 * 1024;

    private final DeadLetterLimit limit = DeadLetterLimit.fixed(LIMIT);
    private final DeadLetterRecords deadLetters = DeadLetterRecords.fromConfigs(Map.of(
            StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "requests.dlq",
            DeadLetterRecords.START_REQUESTS_TOPIC_CONFIG, "requests",
            DeadLetterLimit.CONFIG, limit));

    @Test
    void shouldLeaveADeadLetterThatFitsWhole() {
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(new byte[1000], new byte[10_000]);

        assertThat(deadLetters.fit(deadLetter)).isSameAs(deadLetter);
    }

    @Test
    void shouldKeepTheHeadersAndTheHeadOfTheValueOfADeadLetterTooLarge() {
        byte[] value = random(200_000);

        ProducerRecord<byte[], byte[]> cut = deadLetters.fit(deadLetter("a0".getBytes(StandardCharsets.UTF_8), value));

        assertThat(DeadLetterRecords.sizeOf(cut.key(), cut.value(), cut.headers()))
                .isLessThanOrEqualTo(LIMIT);
        assertThat(cut.value().length).isGreaterThan(LIMIT - 2048);
        assertThat(cut.value()).isEqualTo(Arrays.copyOf(value, cut.value().length));
        assertThat(cut.key()).isEqualTo("a0".getBytes(StandardCharsets.UTF_8));
        assertThat(header(cut, DeadLetterHeaders.OFFSET)).isEqualTo("7");
        assertThat(header(cut, "trace-id")).isEqualTo("t-1");
        assertThat(header(cut, DeadLetterHeaders.VALUE_SIZE)).isEqualTo("200000");
        assertThat(header(cut, DeadLetterHeaders.LEFT_OUT))
                .isEqualTo(
                        "the value after its first " + cut.value().length + " of 200000 bytes: dead letters are "
                                + "limited to 65536 bytes (the producer's max.request.size, the dead-letter topic's max.message.bytes)");
    }

    @Test
    void shouldLeaveOutTheValueAndTheKeyWhenTheKeyAloneIsTooLarge() {
        ProducerRecord<byte[], byte[]> cut = deadLetters.fit(deadLetter(new byte[100_000], new byte[100]));

        assertThat(cut.key()).isNull();
        assertThat(cut.value()).isNull();
        assertThat(header(cut, DeadLetterHeaders.MESSAGE)).isEqualTo("too large");
        assertThat(header(cut, DeadLetterHeaders.LEFT_OUT))
                .startsWith("the whole value (100 bytes); the source record's headers; the key (100000 bytes):");
    }

    @Test
    void shouldCutSmallerEachTimeTheBrokerRefusesADeadLetter() {
        ProducerRecord<byte[], byte[]> first = deadLetters.fit(deadLetter(new byte[2], random(200_000)));

        ProducerRecord<byte[], byte[]> second = deadLetters.refused(first);

        assertThat(limit.maxRecordBytes())
                .isEqualTo(DeadLetterRecords.sizeOf(first.key(), first.value(), first.headers()) / 2);
        assertThat(DeadLetterRecords.sizeOf(second.key(), second.value(), second.headers()))
                .isLessThanOrEqualTo(limit.maxRecordBytes());
        assertThat(header(second, DeadLetterHeaders.VALUE_SIZE)).isEqualTo("200000");
        assertThat(second.headers().headers(DeadLetterHeaders.LEFT_OUT)).hasSize(1);
        assertThat(header(second, DeadLetterHeaders.LEFT_OUT)).contains("of 200000 bytes");
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(byte[] key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.EXCEPTION, "UnroutableRequestException".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.MESSAGE, "too large".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.TOPIC, "requests".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.PARTITION, "0".getBytes(StandardCharsets.UTF_8))
                .add(DeadLetterHeaders.OFFSET, "7".getBytes(StandardCharsets.UTF_8))
                .add(
                        DeadLetterHeaders.VALUE_SIZE,
                        Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>("requests.dlq", null, 1L, key, value, headers);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
