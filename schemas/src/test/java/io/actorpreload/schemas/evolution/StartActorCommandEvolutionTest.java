package io.actorpreload.schemas.evolution;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V2;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_FUTURE_STATUS;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.AvroBinary;
import io.actorpreload.schemas.SampleRecords;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Data written with one version of StartActorCommand, read with another. */
class StartActorCommandEvolutionTest {

    @Test
    void shouldReadACommandWrittenWithV1AsHavingNoPreloadAndUnknownStatus() {
        StartActorCommand current = SampleRecords.startActorCommand();
        byte[] v1Bytes = AvroBinary.writeGeneric(START_ACTOR_COMMAND_V1, asV1(current));

        StartActorCommand read = AvroBinary.readSpecific(StartActorCommand.class, START_ACTOR_COMMAND_V1, v1Bytes);

        StartActorCommand expected = StartActorCommand.newBuilder(current)
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.UNKNOWN)
                .build();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void shouldLetAV1ReaderReadACurrentCommandIgnoringThePreload() {
        StartActorCommand current = SampleRecords.startActorCommand();

        Object read = AvroBinary.readGeneric(current.getSchema(), START_ACTOR_COMMAND_V1, AvroBinary.write(current));

        assertThat(read).isEqualTo(asV1(current));
    }

    @Test
    void shouldReadAStatusSymbolUnknownToTheReaderAsUnknown() {
        GenericRecord future = asSchema(START_ACTOR_COMMAND_WITH_FUTURE_STATUS, SampleRecords.startActorCommand());
        future.put(
                "preloadStatus",
                new GenericData.EnumSymbol(
                        START_ACTOR_COMMAND_WITH_FUTURE_STATUS
                                .getField("preloadStatus")
                                .schema(),
                        SchemaHistory.futureStatus()));
        future.put("preloadedKv", null);

        StartActorCommand read = AvroBinary.readSpecific(
                StartActorCommand.class,
                START_ACTOR_COMMAND_WITH_FUTURE_STATUS,
                AvroBinary.writeGeneric(START_ACTOR_COMMAND_WITH_FUTURE_STATUS, future));

        assertThat(read.getPreloadStatus()).isEqualTo(PreloadStatus.UNKNOWN);
        assertThat(read.getActorId())
                .isEqualTo(SampleRecords.startActorCommand().getActorId());
    }

    @Test
    void shouldLetAV2ReaderReadInvalidManifestAsUnknown() {
        StartActorCommand current = StartActorCommand.newBuilder(SampleRecords.startActorCommand())
                .setPreloadedKv(null)
                .setPreloadStatus(PreloadStatus.INVALID_MANIFEST)
                .build();

        GenericRecord read = (GenericRecord)
                AvroBinary.readGeneric(current.getSchema(), START_ACTOR_COMMAND_V2, AvroBinary.write(current));

        assertThat(read.get("preloadStatus")).hasToString("UNKNOWN");
        assertThat(read.get("actorId")).hasToString(current.getActorId());
    }

    @Test
    void shouldReadACommandWrittenWithV2AsTheCurrentSchema() {
        StartActorCommand current = SampleRecords.startActorCommand();
        GenericRecord v2 = asSchema(START_ACTOR_COMMAND_V2, current);
        v2.put("preloadedKv", null);

        StartActorCommand read = AvroBinary.readSpecific(
                StartActorCommand.class, START_ACTOR_COMMAND_V2, AvroBinary.writeGeneric(START_ACTOR_COMMAND_V2, v2));

        assertThat(read)
                .isEqualTo(StartActorCommand.newBuilder(current)
                        .setPreloadedKv(null)
                        .build());
    }

    /** The fields of {@code command} that v1 has, as a v1 program would hold them. */
    static GenericRecord asV1(StartActorCommand command) {
        return asSchema(START_ACTOR_COMMAND_V1, command);
    }

    private static GenericRecord asSchema(Schema schema, StartActorCommand command) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Object value = command.get(field.name());
            record.put(
                    field.name(),
                    value instanceof Enum<?> e ? new GenericData.EnumSymbol(field.schema(), e.name()) : value);
        }
        return record;
    }
}
