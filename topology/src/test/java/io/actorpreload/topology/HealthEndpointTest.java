package io.actorpreload.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the health endpoint answers in each Kafka Streams state, over real HTTP on 127.0.0.1. */
class HealthEndpointTest {
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final AtomicBoolean failed = new AtomicBoolean();
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest(name = "{0}, failed {1}: live {2}, ready {3}")
    @CsvSource({
        "CREATED, false, 200, 503",
        "REBALANCING, false, 200, 503",
        "RUNNING, false, 200, 200",
        "PENDING_SHUTDOWN, false, 200, 503",
        "NOT_RUNNING, false, 200, 503",
        "PENDING_ERROR, false, 503, 503",
        "ERROR, false, 503, 503",
        "PENDING_SHUTDOWN, true, 200, 503",
        "NOT_RUNNING, true, 503, 503"
    })
    void shouldAnswerForTheState(State now, boolean hasFailed, int live, int ready) throws Exception {
        state.set(now);
        failed.set(hasFailed);
        try (HealthEndpoint endpoint =
                HealthEndpoint.start(new InetSocketAddress("127.0.0.1", 0), state::get, failed::get)) {
            HttpResponse<String> liveness = get(endpoint, "/health/live");
            HttpResponse<String> readiness = get(endpoint, "/health/ready");

            assertThat(liveness.statusCode()).isEqualTo(live);
            assertThat(readiness.statusCode()).isEqualTo(ready);
            assertThat(readiness.body()).isEqualTo(now.name() + "\n");
        }
    }

    @Test
    void shouldFollowTheStateAsItChanges() throws Exception {
        try (HealthEndpoint endpoint =
                HealthEndpoint.start(new InetSocketAddress("127.0.0.1", 0), state::get, failed::get)) {
            assertThat(get(endpoint, "/health/ready").statusCode()).isEqualTo(503);
            state.set(State.RUNNING);
            assertThat(get(endpoint, "/health/ready").statusCode()).isEqualTo(200);
            state.set(State.PENDING_SHUTDOWN);
            assertThat(get(endpoint, "/health/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldRefuseOtherMethodsAndStopServingWhenClosed() throws Exception {
        HealthEndpoint endpoint = HealthEndpoint.start(new InetSocketAddress("127.0.0.1", 0), state::get, failed::get);
        URI uri = uri(endpoint, "/health/live");
        assertThat(http.send(
                                HttpRequest.newBuilder(uri)
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(405);
        endpoint.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    private HttpResponse<String> get(HealthEndpoint endpoint, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(endpoint, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HealthEndpoint endpoint, String path) {
        return URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
    }
}
