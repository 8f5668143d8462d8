package io.actorpreload.topology;

import static io.actorpreload.topology.StackFixture.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology's health endpoint on the real stack: ready once Kafka Streams is RUNNING, live
 * throughout, and gone once the application is closed.
 */
class HealthEndpointIT {
    @TempDir
    Path dir;

    private final StackFixture fixture = new StackFixture("health");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldBeReadyWhenRunningAndGoneWhenClosed() throws Exception {
        fixture.createTopics(Map.of(), 2 * 1024 * 1024);
        Map<String, Object> settings = fixture.settings(dir);
        settings.put(HealthEndpoint.PORT_CONFIG, "0");
        URI ready;
        URI live;
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(dir.resolve("store"));
                PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(settings), store)) {
            InetSocketAddress address = app.healthAddress().orElseThrow();
            assertThat(address.getAddress().isLoopbackAddress())
                    .as("bound to 127.0.0.1 by default")
                    .isTrue();
            ready = URI.create("http://127.0.0.1:" + address.getPort() + "/health/ready");
            live = URI.create("http://127.0.0.1:" + address.getPort() + "/health/live");

            awaitTrue("the topology to be ready", () -> status(ready) == 200);
            assertThat(app.streams().state().isRunningOrRebalancing()).isTrue();
            assertThat(status(live)).isEqualTo(200);
        }
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldHaveNoEndpointUnlessAPortIsGiven() throws Exception {
        fixture.createTopics(Map.of(), 2 * 1024 * 1024);
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(dir.resolve("store"));
                PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(fixture.settings(dir)), store)) {
            assertThat(app.healthAddress()).isEmpty();
        }
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
