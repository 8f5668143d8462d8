package io.actorpreload.topology;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of a Kafka Streams application over HTTP, for a scheduler's probes: {@code GET /health/live}
 * answers 200 unless the application is dead (Kafka Streams in {@code ERROR} or {@code PENDING_ERROR},
 * or stopped after a failure), {@code GET /health/ready} answers 200 only while it is {@code RUNNING};
 * otherwise 503. The body is the state's name. Off unless {@value #PORT_CONFIG} is set; binds
 * {@value #HOST_CONFIG} (127.0.0.1 by default). Kept small on purpose: the JDK's own HTTP server, two
 * paths, no dependency. Thread-safe; {@link #close()} stops it and is idempotent.
 */
public final class HealthEndpoint implements AutoCloseable {
    public static final String PORT_CONFIG = "health.port";
    private static final String PORT_DOC = "Port of the HTTP health endpoint (GET /health/live, GET /health/ready); "
            + "-1 (the default): no endpoint; 0: any free port (logged).";
    public static final String HOST_CONFIG = "health.host";
    private static final String HOST_DOC =
            "Address the health endpoint binds; 0.0.0.0 for every interface (e.g. for a Kubernetes probe).";

    private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);
    private static final Set<KafkaStreams.State> DEAD =
            Set.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);

    private final HttpServer server;

    private HealthEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Adds the health endpoint's keys to {@code def}: one declaration for the topology and the learner. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(PORT_CONFIG, Type.INT, -1, ConfigDef.Range.between(-1, 65_535), Importance.MEDIUM, PORT_DOC)
                .define(
                        HOST_CONFIG,
                        Type.STRING,
                        "127.0.0.1",
                        new ConfigDef.NonEmptyString(),
                        Importance.LOW,
                        HOST_DOC);
    }

    /**
     * Starts the endpoint {@code config} asks for, answering from {@code state} and {@code failed}; empty
     * when {@value #PORT_CONFIG} is -1.
     *
     * @throws ConfigException when the port cannot be bound (taken, or not allowed)
     */
    public static Optional<HealthEndpoint> start(
            AbstractConfig config, Supplier<KafkaStreams.State> state, BooleanSupplier failed) {
        int port = config.getInt(PORT_CONFIG);
        if (port < 0) {
            return Optional.empty();
        }
        HealthEndpoint endpoint;
        try {
            endpoint = start(new InetSocketAddress(config.getString(HOST_CONFIG), port), state, failed);
        } catch (UncheckedIOException e) {
            throw new ConfigException(e.getMessage());
        }
        LOG.info(
                "Health endpoint on http://{}:{}/health/live and /health/ready",
                endpoint.address().getHostString(),
                endpoint.address().getPort());
        return Optional.of(endpoint);
    }

    /** Starts an endpoint on {@code address} answering from {@code state} and {@code failed}. */
    public static HealthEndpoint start(
            InetSocketAddress address, Supplier<KafkaStreams.State> state, BooleanSupplier failed) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(failed, "failed");
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot serve the health endpoint on " + address + " (" + e.getMessage() + "): choose another "
                            + PORT_CONFIG + ", or -1 for none",
                    e);
        }
        server.createContext("/health/live", exchange -> {
            KafkaStreams.State now = state.get();
            boolean dead = DEAD.contains(now) || (now == KafkaStreams.State.NOT_RUNNING && failed.getAsBoolean());
            answer(exchange, dead ? 503 : 200, now);
        });
        server.createContext("/health/ready", exchange -> {
            KafkaStreams.State now = state.get();
            answer(exchange, now == KafkaStreams.State.RUNNING ? 200 : 503, now);
        });
        server.start();
        return new HealthEndpoint(server);
    }

    /** Where it listens (the port chosen when {@value #PORT_CONFIG} is 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void answer(HttpExchange exchange, int status, KafkaStreams.State state) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = (state.name() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
