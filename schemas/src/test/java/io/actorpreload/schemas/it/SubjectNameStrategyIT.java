package io.actorpreload.schemas.it;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.HttpSchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerializer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Commands go to one topic per runner. With the record-name strategy they share one subject, so
 * the real registry governs every runner's commands together: a runner that appears later gets no
 * fresh, history-less subject where an incompatible schema could slip in.
 */
class SubjectNameStrategyIT {
    private static final String RECORD_SUBJECT =
            StartActorCommand.getClassSchema().getFullName();
    private final HttpSchemaRegistryClient registry = RealRegistry.client();

    @Test
    void shouldRegisterEveryRunnersCommandsUnderTheRecordsSubject() {
        String runnerA = RealRegistry.uniqueTopic("runner.a.commands");
        String runnerB = RealRegistry.uniqueTopic("runner.b.commands");
        SpecificAvroSerializer<StartActorCommand> serializer =
                serializer("io.confluent.kafka.serializers.subject.RecordNameStrategy");

        byte[] toA = serializer.serialize(runnerA, SampleRecords.startActorCommand());
        byte[] toB = serializer.serialize(runnerB, SampleRecords.startActorCommand());

        int id = registry.lookup(RECORD_SUBJECT, StartActorCommand.getClassSchema())
                .id();
        assertThat(schemaIdOf(toA)).isEqualTo(id);
        assertThat(schemaIdOf(toB)).isEqualTo(id);
        assertThatThrownBy(() -> registry.versions(runnerA + "-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldRefuseAnIncompatibleCommandSchemaForARunnerThatAppearsLater() {
        serializer("record")
                .serialize(RealRegistry.uniqueTopic("runner.first.commands"), SampleRecords.startActorCommand());

        assertThatThrownBy(() -> registry.register(RECORD_SUBJECT, START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.INCOMPATIBLE));
    }

    @Test
    void shouldShowWhyTopicSubjectsDoNotGovernNewRunners() {
        String newRunner = RealRegistry.uniqueTopic("runner.new.commands");
        serializer("TopicNameStrategy")
                .serialize(RealRegistry.uniqueTopic("runner.old.commands"), SampleRecords.startActorCommand());

        // A new runner's topic subject has no history: the same incompatible schema registers there.
        int id = registry.register(newRunner + "-value", START_ACTOR_COMMAND_WITH_REQUIRED_FIELD);
        assertThat(id).isPositive();
    }

    private static SpecificAvroSerializer<StartActorCommand> serializer(String strategy) {
        Map<String, Object> config = new HashMap<>(RealRegistry.config());
        config.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG, strategy);
        SpecificAvroSerializer<StartActorCommand> serializer = new SpecificAvroSerializer<>(StartActorCommand.class);
        serializer.configure(config, false);
        return serializer;
    }

    private static int schemaIdOf(byte[] wireFormat) {
        return java.nio.ByteBuffer.wrap(wireFormat, 1, 4).getInt();
    }
}
