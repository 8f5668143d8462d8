package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.internals.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A registry of its own, stopped and restarted: down in between, back at the same URL after. */
class SchemaRegistryServerRestartIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void shouldAnswerAtTheSameUrlAfterARestartAndNotWhileStopped() throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(WorkDirs.create("registry-restart-it-"))) {
            String url = registry.url();
            ProcessHandle first = registry.processHandle();
            assertThat(status(url + "/config")).isEqualTo(200);

            registry.stop();

            assertThat(first.isAlive()).isFalse();
            assertThat(Ports.isAccepting(registry.port())).isFalse();

            registry.restart();

            assertThat(registry.url()).isEqualTo(url);
            assertThat(registry.processHandle().pid()).isNotEqualTo(first.pid());
            assertThat(status(url + "/config")).isEqualTo(200);
        }
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
