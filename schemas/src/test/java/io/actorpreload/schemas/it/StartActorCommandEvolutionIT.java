package io.actorpreload.schemas.it;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V2;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.AvroBinary;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.CompatibilityLevel;
import io.actorpreload.schemas.registry.HttpSchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.SpecificAvroDeserializer;
import io.actorpreload.schemas.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evolution of StartActorCommand governed by the real registry: the subject is FULL_TRANSITIVE, v1
 * is registered first, then the current schema; old and new runners read each other's commands and
 * an incompatible change is refused.
 */
class StartActorCommandEvolutionIT {
    private final HttpSchemaRegistryClient registry = RealRegistry.client();
    private String topic;
    private String subject;
    private int v1Id;

    @BeforeEach
    void registerV1UnderAFullTransitiveSubject() {
        topic = RealRegistry.uniqueTopic("runner.evolution.commands");
        subject = topic + "-value";
        registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
        v1Id = registry.register(subject, START_ACTOR_COMMAND_V1);
    }

    @Test
    void shouldGovernTheSubjectWithFullTransitive() {
        assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void shouldLetAV1RunnerReadACommandWrittenWithTheCurrentSchema() {
        StartActorCommand command = SampleRecords.startActorCommand();
        byte[] bytes = serializer().serialize(topic, command);

        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema writer = registry.schemaById(writerId);
        Object readByV1 =
                AvroBinary.readGeneric(writer, START_ACTOR_COMMAND_V1, Arrays.copyOfRange(bytes, 5, bytes.length));

        assertThat(writerId).isNotEqualTo(v1Id);
        assertThat(registry.versions(subject)).hasSize(2);
        assertThat(readByV1).isEqualTo(asV1(command));
    }

    @Test
    void shouldLetACurrentRunnerReadACommandWrittenWithV1AsNotPreloaded() {
        StartActorCommand command = SampleRecords.startActorCommand();
        byte[] v1Bytes = wireFormat(v1Id, AvroBinary.writeGeneric(START_ACTOR_COMMAND_V1, asV1(command)));

        StartActorCommand read =
                new SpecificAvroDeserializer<>(StartActorCommand.class, registry).deserialize(topic, v1Bytes);

        assertThat(read.getPreloadedKv()).isNull();
        assertThat(read.getPreloadStatus()).isEqualTo(PreloadStatus.UNKNOWN);
        assertThat(read)
                .isEqualTo(StartActorCommand.newBuilder(command)
                        .setPreloadedKv(null)
                        .setPreloadStatus(PreloadStatus.UNKNOWN)
                        .build());
    }

    @Test
    void shouldLetAV2RunnerReadInvalidManifestAsUnknownThroughTheRegistry() {
        int v2Id = registry.register(subject, START_ACTOR_COMMAND_V2);
        // Every field added since v2 set: the status, the reason, the preload's read time.
        StartActorCommand command = StartActorCommand.newBuilder(SampleRecords.startActorCommand())
                .setPreloadStatus(PreloadStatus.INVALID_MANIFEST)
                .setPreloadFailure("invalid-manifest: bad")
                .build();
        byte[] bytes = serializer().serialize(topic, command);

        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        GenericRecord readByV2 = (GenericRecord) AvroBinary.readGeneric(
                registry.schemaById(writerId), START_ACTOR_COMMAND_V2, Arrays.copyOfRange(bytes, 5, bytes.length));

        assertThat(writerId).isNotIn(v1Id, v2Id);
        assertThat(registry.versions(subject)).hasSize(3);
        assertThat(readByV2.get("preloadStatus")).hasToString("UNKNOWN");
        assertThat(readByV2.get("actorId")).hasToString(command.getActorId());
        assertThat(readByV2.hasField("preloadFailure")).isFalse();
        GenericRecord kv = (GenericRecord) readByV2.get("preloadedKv");
        assertThat(kv.get("readVersion")).isEqualTo(command.getPreloadedKv().getReadVersion());
        assertThat(kv.hasField("preloadedAt")).isFalse();
    }

    @Test
    void shouldLetACurrentRunnerReadACommandWrittenWithV2ThroughTheRegistry() {
        int v2Id = registry.register(subject, START_ACTOR_COMMAND_V2);
        StartActorCommand command = StartActorCommand.newBuilder(SampleRecords.startActorCommand())
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.STORE_ERROR)
                .build();
        GenericRecord v2 = new GenericData.Record(START_ACTOR_COMMAND_V2);
        START_ACTOR_COMMAND_V2.getFields().forEach(f -> v2.put(f.name(), command.get(f.name())));
        v2.put(
                "preloadStatus",
                new GenericData.EnumSymbol(
                        START_ACTOR_COMMAND_V2.getField("preloadStatus").schema(), "STORE_ERROR"));

        StartActorCommand read = new SpecificAvroDeserializer<>(StartActorCommand.class, registry)
                .deserialize(topic, wireFormat(v2Id, AvroBinary.writeGeneric(START_ACTOR_COMMAND_V2, v2)));

        assertThat(read).isEqualTo(command);
        assertThat(read.getPreloadFailure()).isNull();
    }

    @Test
    void shouldRefuseANewFieldWithoutADefaultWith409() {
        serializer().serialize(topic, SampleRecords.startActorCommand());

        assertThat(registry.isCompatible(subject, START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isFalse();
        assertThatThrownBy(() -> registry.register(subject, START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.INCOMPATIBLE);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessageContaining(subject)
                .hasMessageContaining("INCOMPATIBLE");
        assertThat(registry.versions(subject)).hasSize(2);
    }

    private SpecificAvroSerializer<StartActorCommand> serializer() {
        return new SpecificAvroSerializer<>(StartActorCommand.class, registry);
    }

    private static GenericRecord asV1(StartActorCommand command) {
        GenericRecord record = new GenericData.Record(START_ACTOR_COMMAND_V1);
        START_ACTOR_COMMAND_V1.getFields().forEach(f -> record.put(f.name(), command.get(f.name())));
        return record;
    }

    private static byte[] wireFormat(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(avro)
                .array();
    }
}
