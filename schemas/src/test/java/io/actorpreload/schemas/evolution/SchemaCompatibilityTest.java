package io.actorpreload.schemas.evolution;

import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_MANIFEST_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_MANIFEST_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_STATUS_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_STATUS_FUTURE;
import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_STATUS_WITHOUT_DEFAULT;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_FUTURE_STATUS;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
import static org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Avro's own {@link SchemaCompatibility} on every (reader, writer) pair that matters, as a table. */
class SchemaCompatibilityTest {

    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "current reads v1 (new runner, old command)",
                        START_ACTOR_COMMAND_CURRENT,
                        START_ACTOR_COMMAND_V1,
                        COMPATIBLE),
                row(
                        "v1 reads current (old runner, new command)",
                        START_ACTOR_COMMAND_V1,
                        START_ACTOR_COMMAND_CURRENT,
                        COMPATIBLE),
                row("current reads current", START_ACTOR_COMMAND_CURRENT, START_ACTOR_COMMAND_CURRENT, COMPATIBLE),
                row(
                        "current reads a future status symbol",
                        START_ACTOR_COMMAND_CURRENT,
                        START_ACTOR_COMMAND_WITH_FUTURE_STATUS,
                        COMPATIBLE),
                row(
                        "status reads a future symbol via its default",
                        PRELOAD_STATUS_CURRENT,
                        PRELOAD_STATUS_FUTURE,
                        COMPATIBLE),
                row(
                        "status without default cannot read a future symbol",
                        PRELOAD_STATUS_WITHOUT_DEFAULT,
                        PRELOAD_STATUS_FUTURE,
                        INCOMPATIBLE),
                row(
                        "a new required field cannot read v1",
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        START_ACTOR_COMMAND_V1,
                        INCOMPATIBLE),
                row(
                        "a new required field cannot read current",
                        START_ACTOR_COMMAND_WITH_REQUIRED_FIELD,
                        START_ACTOR_COMMAND_CURRENT,
                        INCOMPATIBLE),
                row(
                        "manifest current reads v1 (new topology, old publisher)",
                        PRELOAD_MANIFEST_CURRENT,
                        PRELOAD_MANIFEST_V1,
                        COMPATIBLE),
                row(
                        "manifest v1 reads current (old topology, learned manifest)",
                        PRELOAD_MANIFEST_V1,
                        PRELOAD_MANIFEST_CURRENT,
                        COMPATIBLE));
    }

    private static Arguments row(String name, Schema reader, Schema writer, SchemaCompatibilityType expected) {
        return Arguments.of(name, reader, writer, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void shouldMatchTheTable(String name, Schema reader, Schema writer, SchemaCompatibilityType expected) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

        assertThat(result.getType()).as(result.getDescription()).isEqualTo(expected);
    }
}
