package io.actorpreload.schemas.registry;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory registry applies each level as Confluent does: (level, earlier versions, candidate, accepted). */
class CompatibilityLevelTest {
    private static final Schema ONLY_A =
            SchemaBuilder.record("R").fields().requiredInt("a").endRecord();
    private static final Schema ONLY_B =
            SchemaBuilder.record("R").fields().requiredInt("b").endRecord();
    /** Readable by {@link #ONLY_A} (the latest), not by {@link #ONLY_B} (an earlier version). */
    private static final Schema A_AND_C =
            SchemaBuilder.record("R").fields().requiredInt("a").requiredInt("c").endRecord();

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        CompatibilityLevel.FULL_TRANSITIVE,
                        List.of(START_ACTOR_COMMAND_V1),
                        START_ACTOR_COMMAND_CURRENT,
                        true),
                row(
                        CompatibilityLevel.FULL_TRANSITIVE,
                        List.of(START_ACTOR_COMMAND_V1),
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        false),
                row(
                        CompatibilityLevel.FORWARD,
                        List.of(START_ACTOR_COMMAND_V1),
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        true),
                row(
                        CompatibilityLevel.BACKWARD,
                        List.of(START_ACTOR_COMMAND_V1),
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        false),
                row(
                        CompatibilityLevel.NONE,
                        List.of(START_ACTOR_COMMAND_V1),
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        true),
                row(CompatibilityLevel.FORWARD, List.of(ONLY_B, ONLY_A), A_AND_C, true),
                row(CompatibilityLevel.FORWARD_TRANSITIVE, List.of(ONLY_B, ONLY_A), A_AND_C, false),
                row(CompatibilityLevel.FULL, List.of(START_ACTOR_COMMAND_V1), START_ACTOR_COMMAND_CURRENT, true));
    }

    private static Arguments row(CompatibilityLevel level, List<Schema> earlier, Schema candidate, boolean accepted) {
        return Arguments.of(level, earlier, candidate, accepted);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("table")
    void shouldAcceptOrRefuseAsTheLevelSays(
            CompatibilityLevel level, List<Schema> earlier, Schema candidate, boolean accepted) {
        assertThat(SubjectCompatibility.refusal(level, earlier, candidate) == null)
                .isEqualTo(accepted);
    }
}
