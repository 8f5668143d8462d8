package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.InMemorySchemaRegistryClient;
import io.actorpreload.schemas.registry.MockSchemaRegistry;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {
    private static final String SCOPE = "SpecificAvroSerdeTest";
    private static final Map<String, Object> CONFIG = Map.of("schema.registry.url", "mock://" + SCOPE);

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Test
    void shouldRoundTripEveryRecordThroughTheMockRegistry() {
        for (SpecificRecord record : SampleRecords.everyRecord()) {
            assertThat(roundTrip(record)).as(record.getSchema().getName()).isEqualTo(record);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>((Class<T>) record.getClass());
        serde.configure(CONFIG, false);
        byte[] bytes =
                serde.serializer().serialize("topic-" + record.getSchema().getName(), record);
        return serde.deserializer().deserialize("topic-" + record.getSchema().getName(), bytes);
    }

    @Test
    void shouldWriteMagicByteThenTheRegisteredIdOfTheValueSubject() {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(CONFIG, false);

        byte[] bytes = serde.serializer().serialize("runner.a.commands", SampleRecords.startActorCommand());

        int registeredId = MockSchemaRegistry.forScope(SCOPE)
                .latest("runner.a.commands-value")
                .id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registeredId);
    }

    @Test
    void shouldRegisterKeysUnderTheKeySubject() {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(CONFIG, true);

        serde.serializer().serialize("requests", SampleRecords.actorStartRequested());

        assertThat(MockSchemaRegistry.forScope(SCOPE).versions("requests-key")).containsExactly(1);
    }

    @Test
    void shouldShareOneRegistryPerMockScope() {
        SpecificAvroSerde<StartActorCommand> writer = new SpecificAvroSerde<>(StartActorCommand.class);
        writer.configure(CONFIG, false);
        SpecificAvroSerde<StartActorCommand> reader = new SpecificAvroSerde<>(StartActorCommand.class);
        reader.configure(CONFIG, false);

        byte[] bytes = writer.serializer().serialize("commands", SampleRecords.startActorCommand());

        assertThat(reader.deserializer().deserialize("commands", bytes)).isEqualTo(SampleRecords.startActorCommand());
    }

    @Test
    void shouldUseAnInjectedRegistryWithoutConfiguration() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class, registry);

        byte[] bytes = serde.serializer().serialize("commands", SampleRecords.startActorCommand());

        assertThat(serde.deserializer().deserialize("commands", bytes)).isEqualTo(SampleRecords.startActorCommand());
        assertThat(registry.versions("commands-value")).containsExactly(1);
    }

    @Test
    void shouldPassNullsThrough() {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(CONFIG, false);

        assertThat(serde.serializer().serialize("commands", null)).isNull();
        assertThat(serde.deserializer().deserialize("commands", null)).isNull();
    }

    @Test
    void shouldSayWhatToDoWhenUsedUnconfigured() {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);

        assertThatThrownBy(serde::serializer)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
