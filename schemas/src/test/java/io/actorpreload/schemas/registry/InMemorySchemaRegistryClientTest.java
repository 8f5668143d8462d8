package io.actorpreload.schemas.registry;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.dropScope("InMemorySchemaRegistryClientTest");
    }

    @Test
    void shouldGiveOneSchemaOneIdAcrossSubjectsAndNumberVersionsPerSubject() {
        int first = registry.register("a-value", START_ACTOR_COMMAND_V1);
        int again = registry.register("a-value", START_ACTOR_COMMAND_V1);
        int otherSubject = registry.register("b-value", START_ACTOR_COMMAND_V1);
        int second = registry.register("a-value", START_ACTOR_COMMAND_CURRENT);

        assertThat(again).isEqualTo(first);
        assertThat(otherSubject).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(registry.versions("a-value")).containsExactly(1, 2);
        assertThat(registry.latest("a-value"))
                .isEqualTo(new RegisteredSchema("a-value", 2, second, START_ACTOR_COMMAND_CURRENT));
        assertThat(registry.lookup("a-value", START_ACTOR_COMMAND_V1).version()).isEqualTo(1);
        assertThat(registry.schemaById(first)).isEqualTo(START_ACTOR_COMMAND_V1);
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWith409() {
        registry.setCompatibility("a-value", CompatibilityLevel.FULL_TRANSITIVE);
        registry.register("a-value", START_ACTOR_COMMAND_V1);

        assertThat(registry.isCompatible("a-value", START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isFalse();
        assertThatThrownBy(() -> registry.register("a-value", START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.INCOMPATIBLE);
                    assertThat(e.errorCode()).isEqualTo(409);
                })
                .hasMessageContaining("priority");
        assertThat(registry.versions("a-value")).containsExactly(1);
    }

    @Test
    void shouldDefaultToBackwardAndKeepSubjectLevelsApart() {
        registry.setCompatibility("a-value", CompatibilityLevel.NONE);

        assertThat(registry.compatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.compatibility("b-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldReportUnknownSubjectsAndIds() {
        assertThatThrownBy(() -> registry.latest("nope-value"))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> registry.schemaById(999))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(40403));
        registry.register("a-value", START_ACTOR_COMMAND_V1);
        assertThatThrownBy(() -> registry.lookup("a-value", ActorStartRequested.getClassSchema()))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(SchemaRegistryException.Reason.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldShareARegistryPerScopeUntilTheScopeIsDropped() {
        InMemorySchemaRegistryClient scoped = MockSchemaRegistry.forScope("InMemorySchemaRegistryClientTest");
        scoped.register("a-value", START_ACTOR_COMMAND_V1);

        assertThat(MockSchemaRegistry.forScope("InMemorySchemaRegistryClientTest"))
                .isSameAs(scoped);
        MockSchemaRegistry.dropScope("InMemorySchemaRegistryClientTest");
        assertThat(MockSchemaRegistry.forScope("InMemorySchemaRegistryClientTest"))
                .isNotSameAs(scoped);
    }
}
