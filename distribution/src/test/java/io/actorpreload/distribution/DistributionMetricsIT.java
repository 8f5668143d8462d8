package io.actorpreload.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's launcher with the Prometheus exporter on ({@code ACTOR_PRELOAD_METRICS_PORT}) and the
 * health endpoints on ({@code ACTOR_PRELOAD_HEALTH_PORT}), running the topology on the real stack: its
 * {@code /metrics} serves the application's own sensors under the names config/jmx-exporter.yml gives
 * them, with the counts of the starts it handled, beside Kafka Streams' own metrics, and every metric the
 * shipped dashboard queries; it is ready and live; both endpoints bind 127.0.0.1.
 */
class DistributionMetricsIT {
    private static final int REQUESTS = 5;

    @TempDir
    Path dir;

    @TempDir
    Path unpacked;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path launcherHome;

    @Test
    void shouldServeTheApplicationsMetricsToPrometheus() throws Exception {
        LocalStack stack = SharedLocalStack.get();
        String id = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(id + ".requests", Optional.of(1), Optional.empty()),
                            new NewTopic(id + ".manifests", Optional.of(1), Optional.empty())
                                    .configs(Map.of("cleanup.policy", "compact")),
                            new NewTopic(id + ".dlq", Optional.of(1), Optional.empty()),
                            new NewTopic(id + ".runner.r1.commands", Optional.of(1), Optional.empty())))
                    .all()
                    .get();
        }
        Path config = dir.resolve("actor-preload.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "bootstrap.servers=" + stack.bootstrapServers(),
                        "schema.registry.url=" + stack.schemaRegistryUrl(),
                        "application.id=" + id,
                        "topic.start.requests=" + id + ".requests",
                        "topic.manifests=" + id + ".manifests",
                        "topic.dead.letters=" + id + ".dlq",
                        "topic.runner.commands.pattern=" + id + ".runner.{runnerId}.commands",
                        "store.rocksdb.data.dir=" + dir.resolve("store"),
                        "streams.state.dir=" + dir.resolve("streams"),
                        ""));
        Path launcher = DistributionArchive.unpack(unpacked);
        launcherHome = launcher.getParent().getParent();
        int port = freePort();
        int healthPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("topology.log").toFile());
        builder.environment().put("ACTOR_PRELOAD_METRICS_PORT", Integer.toString(port));
        builder.environment().put("ACTOR_PRELOAD_CDS", "off");
        builder.environment().put("ACTOR_PRELOAD_HEALTH_PORT", Integer.toString(healthPort));
        Process topology = builder.start();
        try {
            sendRequests(stack, id);
            URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
            String scraped = awaitScrape(metrics, topology, dir.resolve("topology.log"));

            assertThat(scraped).contains("kafka_streams_stream_thread_metrics_");
            assertThat(value(scraped, "actor_preload_status_no_manifest_total")).isEqualTo(REQUESTS);
            assertThat(value(scraped, "actor_preload_dead_letter_total")).isZero();
            assertThat(scraped).contains("actor_preload_preload_latency_avg", "actor_preload_preload_bytes_total");
            assertThat(scraped).containsPattern("actor_preload_status_no_manifest_total\\{[^}]*task_id=\"[0-9]+_0\"");
            Files.writeString(dir.resolve("scrape.txt"), scraped);
            // The health endpoints, from the configuration's environment override, on 127.0.0.1.
            assertThat(status(URI.create("http://127.0.0.1:" + healthPort + "/health/ready")))
                    .isEqualTo(200);
            assertThat(status(URI.create("http://127.0.0.1:" + healthPort + "/health/live")))
                    .isEqualTo(200);
            assertThat(dashboardMetrics(launcherHome.resolve("dashboards/actor-preload.json")))
                    .as("every metric the shipped Grafana dashboard queries is served")
                    .isNotEmpty()
                    .allSatisfy(metric -> assertThat(scraped).contains("\n" + metric));
        } finally {
            topology.destroy();
            if (!topology.waitFor(60, TimeUnit.SECONDS)) {
                topology.destroyForcibly().waitFor();
            }
        }
    }

    private static void sendRequests(LocalStack stack, String id) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, ActorStartRequested> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                serde.serializer())) {
            for (int i = 0; i < REQUESTS; i++) {
                String actor = "actor-" + i;
                producer.send(new ProducerRecord<>(
                        id + ".requests",
                        actor,
                        ActorStartRequested.newBuilder()
                                .setActorId(actor)
                                .setGeneration(1)
                                .setNamespace("it")
                                .setActorName("no-manifest-type")
                                .setRunnerId("r1")
                                .setRequestedAt(Instant.now())
                                .setInput(null)
                                .build()));
            }
        }
    }

    /** Scrapes until the topology has counted every request (a bound, never asserted). */
    private String awaitScrape(URI metrics, Process topology, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!topology.isAlive()) {
                throw new AssertionError("the topology exited: " + Files.readString(log));
            }
            try {
                last = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                        .body();
                if (value(last, "actor_preload_status_no_manifest_total") >= REQUESTS) {
                    return last;
                }
            } catch (IOException notYet) {
                // the agent starts with the JVM; the sensors once the task runs
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "no count of " + REQUESTS + " starts on " + metrics + " in 120 s; last scrape:\n" + last);
    }

    /** The sum of every sample of {@code name} (one per task and thread); 0 when absent. */
    private static double value(String scrape, String name) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$")
                .matcher(scrape);
        double sum = 0;
        while (sample.find()) {
            sum += Double.parseDouble(sample.group(2));
        }
        return sum;
    }

    /** The metric names every query of the dashboard names (its PromQL {@code expr}s). */
    private static Set<String> dashboardMetrics(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        Set<String> metrics = new TreeSet<>();
        for (JsonNode expr : root.findValues("expr")) {
            Matcher name = Pattern.compile("\\b((?:actor_preload|kafka)_[a-z0-9_]+)\\b")
                    .matcher(expr.asText());
            while (name.find()) {
                metrics.add(name.group(1));
            }
        }
        return metrics;
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }
}
