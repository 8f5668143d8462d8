package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.internals.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The local registry keeps its schemas, ids and compatibility rule across restarts, as a production registry does. */
class SchemaRegistryRestartIT {
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final String RECORD_V1 =
            "{\"type\":\"record\",\"name\":\"Kept\",\"namespace\":\"test\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}";
    private static final String RECORD_V2_WITHOUT_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Kept\",\"namespace\":\"test\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"},"
                    + "{\"name\":\"count\",\"type\":\"int\"}]}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldKeepSchemasAndIdsWhenStartedAgainOnTheSameWorkDir() throws Exception {
        Path workDir = WorkDirs.create("registry-restart-it-");
        int id;
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(workDir)) {
            HttpResponse<String> registered = post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V1));
            assertThat(registered.statusCode()).isEqualTo(200);
            id = id(registered.body());
        }
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(workDir)) {
            HttpResponse<String> byId = get(registry, "/schemas/ids/" + id);
            assertThat(byId.statusCode())
                    .as("GET /schemas/ids/%s after the restart: %s", id, byId.body())
                    .isEqualTo(200);
            assertThat(byId.body()).contains("Kept");
            assertThat(get(registry, "/subjects/kept-value/versions").body()).isEqualTo("[1]");
            assertThat(id(post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V1))
                            .body()))
                    .isEqualTo(id);
            assertThat(post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V2_WITHOUT_DEFAULT))
                            .statusCode())
                    .isEqualTo(409);
        }
    }

    @Test
    void shouldServeTheSameSchemasOnTheSamePortAfterStopAndRestart() throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(WorkDirs.create("registry-restart-it-"))) {
            String url = registry.url();
            int id = id(post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V1))
                    .body());
            ProcessHandle before = registry.processHandle();

            registry.stop();
            assertThat(before.isAlive()).isFalse();
            assertThat(registry.isRunning()).isFalse();
            assertThat(Ports.isAccepting(registry.port())).isFalse();

            registry.restart();
            assertThat(registry.url()).isEqualTo(url);
            assertThat(registry.processHandle().pid()).isNotEqualTo(before.pid());
            HttpResponse<String> byId = get(registry, "/schemas/ids/" + id);
            assertThat(byId.statusCode())
                    .as("GET /schemas/ids/%s after the restart: %s", id, byId.body())
                    .isEqualTo(200);
            assertThat(byId.body()).contains("Kept");
            // The global rule survived too: restart() does not set it again.
            assertThat(get(registry, "/config").body()).contains("\"BACKWARD\"");
            assertThat(post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V2_WITHOUT_DEFAULT))
                            .statusCode())
                    .isEqualTo(409);
            assertThat(id(post(registry, "/subjects/kept-value/versions", schemaBody(RECORD_V1))
                            .body()))
                    .isEqualTo(id);

            ProcessHandle restarted = registry.processHandle();
            registry.close();
            assertThat(restarted.isAlive()).isFalse();
            assertThat(Ports.isAccepting(registry.port())).isFalse();
        }
    }

    private static String schemaBody(String schema) {
        return "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static int id(String body) {
        Matcher matcher = ID.matcher(body);
        assertThat(matcher.find()).as("an id in %s", body).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static HttpResponse<String> get(SchemaRegistryServer registry, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(SchemaRegistryServer registry, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(registry.url() + path))
                        .header("Content-Type", CONFLUENT_JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
