package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {
    private final DeadLetterLimit limit = DeadLetterLimit.fixed(1024 * 1024);
    private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

    DeadLetterProductionHandlerTest() {
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "requests.dlq",
                DeadLetterRecords.START_REQUESTS_TOPIC_CONFIG, "requests",
                DeadLetterLimit.CONFIG, limit));
    }

    @Test
    void shouldFailTheTaskAndCutLaterDeadLettersWhenTheBrokerRefusesOneUnderExactlyOnce() {
        DeadLetterProductionHandler exactlyOnce = new DeadLetterProductionHandler();
        exactlyOnce.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "requests.dlq",
                DeadLetterRecords.START_REQUESTS_TOPIC_CONFIG,
                "requests",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2,
                DeadLetterLimit.CONFIG,
                limit));

        var response = exactlyOnce.handleError(
                null, deadLetter(new byte[1000 * 1000]), new RecordTooLargeException("too large for the topic"));

        // The refused send aborts the transaction: the request is read again, its dead letter cut.
        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(limit.maxRecordBytes()).isLessThan(501 * 1000);
    }

    @Test
    void shouldWriteADeadLetterTheBrokerRefusedAgainCutToHalfItsSizeUnderAtLeastOnce() {
        ProducerRecord<byte[], byte[]> refused = deadLetter(new byte[1000 * 1000]);

        var response = handler.handleError(null, refused, new RecordTooLargeException("too large for the topic"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> again = response.deadLetterQueueRecords().get(0);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        assertThat(again.topic()).isEqualTo("requests.dlq");
        assertThat(again.value().length).isLessThan(500 * 1000);
        assertThat(limit.maxRecordBytes()).isLessThan(501 * 1000);
        assertThat(again.headers().lastHeader(DeadLetterHeaders.LEFT_OUT)).isNotNull();
    }

    @Test
    void shouldFailWhenARefusedDeadLetterCannotBeCutFurther() {
        ProducerRecord<byte[], byte[]> refused = deadLetter(null);

        var response = handler.handleError(null, refused, new RecordTooLargeException("too large for the topic"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void shouldRetryADeadLetterThatFailedTransiently() {
        var response = handler.handleError(null, deadLetter(new byte[10]), new TimeoutException("no answer"));

        assertThat(response.result()).isEqualTo(Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.MESSAGE, "too large".getBytes(StandardCharsets.UTF_8));
        if (value != null) {
            headers.add(
                    DeadLetterHeaders.VALUE_SIZE, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
        }
        return new ProducerRecord<>("requests.dlq", null, 1L, "a0".getBytes(StandardCharsets.UTF_8), value, headers);
    }
}
