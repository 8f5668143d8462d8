package io.actorpreload.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException.Problem;
import io.actorpreload.schemas.serde.SpecificAvroDeserializer;
import io.actorpreload.schemas.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad bytes, read through the real registry. */
class BadPayloadIT {
    private String topic;
    private byte[] valid;
    private SpecificAvroDeserializer<StartActorCommand> deserializer;

    @BeforeEach
    void writeOneValidCommand() {
        topic = RealRegistry.uniqueTopic("bad-payload");
        SpecificAvroSerializer<StartActorCommand> serializer = new SpecificAvroSerializer<>(StartActorCommand.class);
        serializer.configure(RealRegistry.config(), false);
        valid = serializer.serialize(topic, SampleRecords.startActorCommand());
        deserializer = new SpecificAvroDeserializer<>(StartActorCommand.class);
        deserializer.configure(RealRegistry.config(), false);
    }

    @Test
    void shouldReadTheValidPayload() {
        assertThat(deserializer.deserialize(topic, valid)).isEqualTo(SampleRecords.startActorCommand());
    }

    @Test
    void shouldRefuseAWrongMagicByte() {
        byte[] bytes = valid.clone();
        bytes[0] = 0x7b;

        assertProblem(bytes, Problem.WRONG_MAGIC_BYTE);
    }

    @Test
    void shouldRefuseATruncatedPayload() {
        assertProblem(Arrays.copyOf(valid, valid.length - 1), Problem.TRUNCATED_PAYLOAD);
        assertProblem(Arrays.copyOf(valid, 3), Problem.TRUNCATED_PAYLOAD);
    }

    @Test
    void shouldRefuseTrailingBytes() {
        assertProblem(Arrays.copyOf(valid, valid.length + 2), Problem.TRAILING_BYTES);
    }

    @Test
    void shouldRefuseAnIdTheRegistryDoesNotKnow() {
        byte[] bytes = valid.clone();
        int unknownId = ByteBuffer.wrap(bytes, 1, 4).getInt() + 1_000_000;
        ByteBuffer.wrap(bytes).putInt(1, unknownId);

        assertProblem(bytes, Problem.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void shouldRefuseAWriterSchemaThatDoesNotResolveToTheReader() {
        SpecificAvroSerializer<ActorStartRequested> other = new SpecificAvroSerializer<>(ActorStartRequested.class);
        other.configure(RealRegistry.config(), false);
        byte[] request =
                other.serialize(RealRegistry.uniqueTopic("bad-payload-requests"), SampleRecords.actorStartRequested());

        assertProblem(request, Problem.UNRESOLVABLE_SCHEMA);
    }

    @Test
    void shouldRefuseAStringFieldThatIsNotUtf8() {
        byte[] bytes = valid.clone();
        byte[] actorId = "actor-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(bytes, actorId);
        bytes[at + actorId.length - 1] = (byte) 0xFF;

        assertProblem(bytes, Problem.INVALID_UTF8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("the payload does not hold " + Arrays.toString(needle));
    }

    private void assertProblem(byte[] bytes, Problem problem) {
        assertThatThrownBy(() -> deserializer.deserialize(topic, bytes))
                .isInstanceOfSatisfying(
                        InvalidAvroPayloadException.class,
                        e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessageContaining(topic);
    }
}
