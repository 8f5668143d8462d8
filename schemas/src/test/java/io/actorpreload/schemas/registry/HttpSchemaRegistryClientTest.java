package io.actorpreload.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.schemas.evolution.SchemaHistory;
import io.actorpreload.schemas.registry.SchemaRegistryException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client's transport behaviour (retries, error parsing, authentication, caching) against a
 * scripted server; its behaviour against a real registry is in {@link HttpSchemaRegistryClientIT}.
 */
class HttpSchemaRegistryClientTest {
    private static final String V1_JSON = SchemaHistory.START_ACTOR_COMMAND_V1.toString();

    private final ScriptedRegistryServer server = new ScriptedRegistryServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSchemaRegistryClient client(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "schema.registry.url",
                server.url() + "/apis/ccompat/v7/",
                "schema.registry.retries",
                2,
                "schema.registry.retry.backoff.ms",
                0L));
        config.putAll(extra);
        return HttpSchemaRegistryClient.create(config);
    }

    @Test
    void shouldRetryA5xxAndThenSucceed() {
        server.answer(503, "busy").answer(200, "{\"id\": 17}");

        assertThat(client(Map.of()).register("orders-value", SchemaHistory.START_ACTOR_COMMAND_V1))
                .isEqualTo(17);
        assertThat(server.requests())
                .extracting(ScriptedRegistryServer.Request::path)
                .containsExactly(
                        "/apis/ccompat/v7/subjects/orders-value/versions",
                        "/apis/ccompat/v7/subjects/orders-value/versions");
        assertThat(server.requests().get(0).body()).contains("\"schema\"", "StartActorCommand");
    }

    @Test
    void shouldGiveUpAfterTheConfiguredRetriesOn5xx() {
        HttpSchemaRegistryClient client = client(Map.of());

        assertThatThrownBy(() -> client.schemaById(3)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SERVER_ERROR);
            assertThat(e.errorCode()).isEqualTo(50001);
        });
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void shouldNotRetryA4xxAndCarryTheRegistryErrorCodeAndMessage() {
        server.answer(422, "{\"error_code\": 42201, \"message\": \"Invalid schema: no type\"}");

        assertThatThrownBy(() -> client(Map.of()).register("x-value", SchemaHistory.START_ACTOR_COMMAND_V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_SCHEMA);
                    assertThat(e.httpStatus()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo(42201);
                    assertThat(e.registryMessage()).isEqualTo("Invalid schema: no type");
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldCacheSchemasById() {
        server.answer(200, "{\"schema\": " + jsonString(V1_JSON) + "}");
        HttpSchemaRegistryClient client = client(Map.of());

        Schema first = client.schemaById(5);
        Schema second = client.schemaById(5);

        assertThat(first).isEqualTo(SchemaHistory.START_ACTOR_COMMAND_V1).isSameAs(second);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void shouldSendBasicAuthentication() {
        server.answer(200, "{\"compatibilityLevel\": \"FULL\"}");

        CompatibilityLevel level =
                client(Map.of("basic.auth.user.info", "alice:s3cret")).compatibility("a b");

        assertThat(level).isEqualTo(CompatibilityLevel.FULL);
        ScriptedRegistryServer.Request request = server.requests().get(0);
        assertThat(request.authorization()).isEqualTo("Basic YWxpY2U6czNjcmV0");
        assertThat(request.path()).isEqualTo("/apis/ccompat/v7/config/a%20b?defaultToGlobal=true");
    }

    @Test
    void shouldReportAClosedPortAsUnreachableAfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpSchemaRegistryClient client = HttpSchemaRegistryClient.create(Map.of(
                "schema.registry.url",
                "http://127.0.0.1:" + closedPort,
                "schema.registry.retries",
                2,
                "schema.registry.retry.backoff.ms",
                0L));

        assertThatThrownBy(() -> client.schemaById(1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                    assertThat(e.httpStatus()).isZero();
                })
                .hasMessageContaining("after 3 attempt(s)")
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> HttpSchemaRegistryClient.create(Map.of("schema.registry.url", "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://");
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
