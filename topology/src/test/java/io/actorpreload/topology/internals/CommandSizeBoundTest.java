package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class CommandSizeBoundTest {
    @Test
    void shouldCountEveryFieldOfTheCommandSchema() {
        assertThat(StartActorCommand.getClassSchema().getFields())
                .extracting(Schema.Field::name)
                .as("a new field must be counted by CommandSizeBound before the processor trusts the bound")
                .containsExactlyElementsOf(CommandSizeBound.FIELDS);
    }

    @Test
    void shouldNeverBeBelowTheSerializedSizeOfACommandWithoutPreload() {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of("schema.registry.url", "mock://" + UUID.randomUUID()), false);
        Serializer<StartActorCommand> serializer = serde.serializer();
        Random random = new Random(15);
        for (int i = 0; i < 500; i++) {
            ActorStartRequested request = ActorStartRequested.newBuilder()
                    .setActorId(text(random))
                    .setGeneration(random.nextLong())
                    .setNamespace(text(random))
                    .setActorName(text(random))
                    .setRunnerId(text(random))
                    .setRequestedAt(Instant.ofEpochMilli(random.nextLong() >> 20))
                    .setInput(random.nextBoolean() ? null : ByteBuffer.wrap(new byte[random.nextInt(5000)]))
                    .build();
            String failure = text(random);
            StartActorCommand command = StartActorCommand.newBuilder()
                    .setActorId(request.getActorId())
                    .setGeneration(request.getGeneration())
                    .setNamespace(request.getNamespace())
                    .setActorName(request.getActorName())
                    .setRunnerId(request.getRunnerId())
                    .setRequestedAt(request.getRequestedAt())
                    .setInput(request.getInput())
                    .setPreloadedKv(null)
                    .setPreloadStatus(PreloadStatus.values()[random.nextInt(PreloadStatus.values().length)])
                    .setPreloadFailure(failure)
                    .build();

            int serialized = serializer.serialize("runner.r1.commands", command).length;

            assertThat(CommandSizeBound.withoutPreload(
                            request, failure.getBytes(java.nio.charset.StandardCharsets.UTF_8).length))
                    .as("request %s", request)
                    .isGreaterThanOrEqualTo(serialized);
        }
    }

    /** Up to 300 characters, some of them 2, 3 and 4 bytes long in UTF-8. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        String[] pieces = {"a", "é", "€", "😀"};
        for (int n = random.nextInt(300); n > 0; n--) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
