package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class CommandDecodingTest {
    @Test
    void shouldReadActorIdAndGenerationOfAFramedCommandWithoutTheRegistry() throws Exception {
        StartActorCommand command = StartActorCommand.newBuilder()
                .setActorId("chaos-000042")
                .setGeneration(7)
                .setNamespace("chaos")
                .setActorName("counter")
                .setRunnerId("runner-1")
                .setRequestedAt(Instant.now())
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {0, 0, 0, 0, 12});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(StartActorCommand.class).write(command, encoder);
        encoder.flush();

        assertThat(CommandDecoding.keyOf(bytes.toByteArray())).contains(new RequestKey("chaos-000042", 7));
    }

    @Test
    void shouldRefuseBytesWithoutTheFrame() {
        assertThat(CommandDecoding.keyOf(new byte[] {1, 2, 3, 4, 5, 6})).isEmpty();
        assertThat(CommandDecoding.keyOf(null)).isEmpty();
    }
}
