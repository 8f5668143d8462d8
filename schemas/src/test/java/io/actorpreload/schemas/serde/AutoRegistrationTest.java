package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.evolution.SchemaHistory;
import io.actorpreload.schemas.registry.CompatibilityLevel;
import io.actorpreload.schemas.registry.InMemorySchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AutoRegistrationTest {
    private static final Map<String, Object> NO_AUTO_REGISTER = Map.of("auto.register.schemas", false);

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldRefuseToSerializeWhenAutoRegistrationIsOffAndTheSchemaIsNotRegistered() {
        SpecificAvroSerializer<StartActorCommand> serializer = serializer(NO_AUTO_REGISTER);

        assertThatThrownBy(() -> serializer.serialize("commands", SampleRecords.startActorCommand()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not registered under subject 'commands-value'")
                .hasMessageContaining("auto.register.schemas is false");
        assertThatThrownBy(() -> registry.versions("commands-value")).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void shouldUseTheRegisteredIdWhenAutoRegistrationIsOff() {
        int id = registry.register("commands-value", StartActorCommand.getClassSchema());
        SpecificAvroSerializer<StartActorCommand> serializer = serializer(NO_AUTO_REGISTER);

        byte[] bytes = serializer.serialize("commands", SampleRecords.startActorCommand());

        assertThat(java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.versions("commands-value")).containsExactly(1);
    }

    @Test
    void shouldSurfaceTheRegistryRefusalOfAnIncompatibleSchema() {
        registry.setCompatibility("commands-value", CompatibilityLevel.FULL_TRANSITIVE);
        registry.register("commands-value", SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD);
        SpecificAvroSerializer<StartActorCommand> serializer = serializer(Map.of());

        assertThatThrownBy(() -> serializer.serialize("commands", SampleRecords.startActorCommand()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("INCOMPATIBLE")
                .cause()
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.INCOMPATIBLE));
    }

    private SpecificAvroSerializer<StartActorCommand> serializer(Map<String, Object> config) {
        SpecificAvroSerializer<StartActorCommand> serializer =
                new SpecificAvroSerializer<>(StartActorCommand.class, registry);
        serializer.configure(config, false);
        return serializer;
    }
}
