package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {
    @Test
    void shouldFailTheTaskInsteadOfDeadLetteringWhenTheRegistryIsDown() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "requests.dlq",
                DeadLetterRecords.START_REQUESTS_TOPIC_CONFIG, "requests"));
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("requests", 0, 7L, new byte[] {1}, new byte[] {0, 0, 0, 0, 1});
        SchemaRegistryException registryDown =
                new SchemaRegistryException("GET /schemas/ids/1", 0, 0, "Connection refused");

        var response = handler.handleError(null, record, registryDown);

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }
}
