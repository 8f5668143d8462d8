package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.InMemorySchemaRegistryClient;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException.Problem;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Bytes that are not a readable record raise {@link InvalidAvroPayloadException}, never a wrong record. */
class BadPayloadTest {
    private static final String TOPIC = "commands";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SpecificAvroSerializer<StartActorCommand> serializer =
            new SpecificAvroSerializer<>(StartActorCommand.class, registry);
    private final SpecificAvroDeserializer<StartActorCommand> deserializer =
            new SpecificAvroDeserializer<>(StartActorCommand.class, registry);

    private byte[] validPayload() {
        return serializer.serialize(TOPIC, SampleRecords.startActorCommand());
    }

    @Test
    void shouldRefuseAWrongMagicByte() {
        byte[] payload = validPayload();
        payload[0] = 1;

        assertProblem(payload, Problem.WRONG_MAGIC_BYTE, "magic byte");
    }

    @Test
    void shouldRefuseAPayloadShorterThanTheHeader() {
        assertProblem(new byte[] {0, 0, 0}, Problem.TRUNCATED_PAYLOAD, "fewer than the 5-byte header");
        assertProblem(new byte[0], Problem.TRUNCATED_PAYLOAD, "fewer than the 5-byte header");
    }

    @Test
    void shouldRefuseEveryTruncationOfAValidPayload() {
        byte[] payload = validPayload();
        for (int length = WireFormat.HEADER_SIZE; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                    .as("payload cut to %d of %d bytes", length, payload.length)
                    .isInstanceOf(InvalidAvroPayloadException.class);
        }
        assertProblem(Arrays.copyOf(payload, payload.length - 1), Problem.TRUNCATED_PAYLOAD, "ends before");
    }

    @Test
    void shouldRefuseBytesAfterTheRecord() {
        byte[] payload = Arrays.copyOf(validPayload(), validPayload().length + 1);

        assertProblem(payload, Problem.TRAILING_BYTES, "bytes remain");
    }

    @Test
    void shouldRefuseAnUnknownSchemaId() {
        byte[] payload = validPayload();
        int unknownId = ByteBuffer.wrap(payload, 1, 4).getInt() + 1000;
        ByteBuffer.wrap(payload).putInt(1, unknownId);

        assertProblem(payload, Problem.UNKNOWN_SCHEMA_ID, "no schema with id " + unknownId);
    }

    @Test
    void shouldRefuseAWriterSchemaThatCannotBeResolvedToTheReader() {
        byte[] otherRecord = new SpecificAvroSerializer<>(ActorStartRequested.class, registry)
                .serialize("requests", SampleRecords.actorStartRequested());

        assertProblem(
                otherRecord, Problem.UNRESOLVABLE_SCHEMA, "cannot be read as io.actorpreload.avro.StartActorCommand");
    }

    @Test
    void shouldBeAKafkaSerializationException() {
        byte[] payload = validPayload();
        payload[0] = 7;

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'commands'");
    }

    @Test
    void shouldStillReadAValidPayloadAfterRefusingBadOnes() {
        byte[] bad = validPayload();
        bad[0] = 1;
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bad)).isInstanceOf(InvalidAvroPayloadException.class);

        assertThat(deserializer.deserialize(TOPIC, validPayload())).isEqualTo(SampleRecords.startActorCommand());
    }

    private void assertProblem(byte[] payload, Problem problem, String messagePart) {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(InvalidAvroPayloadException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                })
                .hasMessageContaining(messagePart);
    }
}
