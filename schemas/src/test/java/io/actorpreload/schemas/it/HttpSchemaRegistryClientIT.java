package io.actorpreload.schemas.it;

import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_CURRENT;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_V1;
import static io.actorpreload.schemas.evolution.SchemaHistory.START_ACTOR_COMMAND_WITH_REQUIRED_FIELD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.schemas.registry.CompatibilityLevel;
import io.actorpreload.schemas.registry.HttpSchemaRegistryClient;
import io.actorpreload.schemas.registry.RegisteredSchema;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.registry.SchemaRegistryException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP client against the real registry: every operation, and the registry's errors. */
class HttpSchemaRegistryClientIT {
    private final HttpSchemaRegistryClient registry = RealRegistry.client();
    private final String subject = RealRegistry.uniqueTopic("client") + "-value";

    @Test
    void shouldRegisterLookUpAndFetchVersions() {
        int v1 = registry.register(subject, START_ACTOR_COMMAND_V1);
        int again = registry.register(subject, START_ACTOR_COMMAND_V1);
        int current = registry.register(subject, START_ACTOR_COMMAND_CURRENT);

        assertThat(again).isEqualTo(v1);
        assertThat(current).isNotEqualTo(v1);
        assertThat(registry.versions(subject)).hasSize(2);
        RegisteredSchema found = registry.lookup(subject, START_ACTOR_COMMAND_V1);
        assertThat(found.id()).isEqualTo(v1);
        assertThat(found.version()).isEqualTo(registry.versions(subject).get(0));
        RegisteredSchema latest = registry.latest(subject);
        assertThat(latest.id()).isEqualTo(current);
        assertThat(latest.schema()).isEqualTo(START_ACTOR_COMMAND_CURRENT);
        assertThat(registry.schemaById(v1)).isEqualTo(START_ACTOR_COMMAND_V1);
    }

    @Test
    void shouldGetAndSetASubjectsCompatibility() {
        registry.register(subject, START_ACTOR_COMMAND_V1);
        assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);

        registry.setCompatibility(subject, CompatibilityLevel.FORWARD_TRANSITIVE);

        assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
        assertThat(registry.isCompatible(subject, START_ACTOR_COMMAND_CURRENT)).isTrue();
    }

    @Test
    void shouldReportTheGlobalLevelForASubjectWithVersionsAndNoLevelOfItsOwn() throws Exception {
        registry.register(subject, START_ACTOR_COMMAND_V1);

        // Why the client asks with defaultToGlobal=true: Apicurio's plain answer is NONE here,
        // although the registry enforces its global level on the subject.
        assertThat(rawGet("/config/" + subject)).contains("NONE");
        assertThat(rawGet("/config")).contains("BACKWARD");
        assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.isCompatible(subject, START_ACTOR_COMMAND_WITH_REQUIRED_FIELD))
                .isFalse();
    }

    private static String rawGet(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(RealRegistry.url() + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void shouldAnswerForASubjectWithNoVersionsYet() {
        assertThat(registry.compatibility(subject)).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(registry.isCompatible(subject, START_ACTOR_COMMAND_V1)).isTrue();
    }

    @Test
    void shouldReportAnUnknownId() {
        int known = registry.register(subject, START_ACTOR_COMMAND_V1);

        assertThatThrownBy(() -> registry.schemaById(known + 1_000_000))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                })
                .hasMessageContaining("/schemas/ids/" + (known + 1_000_000));
    }

    @Test
    void shouldReportAnUnknownSubject() {
        assertThatThrownBy(() -> registry.latest(subject))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SUBJECT_NOT_FOUND));
    }

    @Test
    void shouldReportASchemaNotUnderTheSubject() {
        registry.register(subject, START_ACTOR_COMMAND_V1);

        assertThatThrownBy(() -> registry.lookup(subject, START_ACTOR_COMMAND_CURRENT))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.SCHEMA_NOT_FOUND));
    }

    @Test
    void shouldReportAnInvalidSchema() {
        assertThatThrownBy(() -> registry.register(subject, "{\"type\": \"record\", \"name\": \"Broken\"}"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SCHEMA);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.registryMessage()).isNotEmpty();
                });
    }

    @Test
    void shouldFailClearlyAfterTheRetriesWhenTheRegistryIsDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpSchemaRegistryClient down = HttpSchemaRegistryClient.create(Map.of(
                "schema.registry.url",
                "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7",
                "schema.registry.retries",
                2,
                "schema.registry.retry.backoff.ms",
                10L,
                "schema.registry.connect.timeout.ms",
                2_000));

        assertThatThrownBy(() -> down.register(subject, START_ACTOR_COMMAND_V1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE))
                .hasMessageContaining("after 3 attempt(s)")
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }
}
