package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.internals.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a real broker and registry, uses both through their public protocols, then stops them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStackIT.class);
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final String RECORD_V1 =
            "{\"type\":\"record\",\"name\":\"Greeting\",\"namespace\":\"test\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"}]}";
    private static final String RECORD_V2_WITHOUT_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Greeting\",\"namespace\":\"test\",\"fields\":[{\"name\":\"text\",\"type\":\"string\"},"
                    + "{\"name\":\"count\",\"type\":\"int\"}]}";

    private static LocalStack stack;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() throws Exception {
        Path workDir = WorkDirs.create("local-stack-it-");
        long begin = System.nanoTime();
        stack = LocalStack.start(workDir);
        LOG.info(
                "Start-up times: broker {} ms, registry {} ms, both (concurrently) {} ms",
                stack.broker().startupTime().toMillis(),
                stack.registry().startupTime().toMillis(),
                (System.nanoTime() - begin) / 1_000_000);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void shouldListenOnLoopbackOnly() {
        assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    }

    @Test
    @Order(2)
    void shouldCreateTopicAndRoundTripRecord() throws Exception {
        String topic = "local-stack-it";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "actor-1", "hello")).get();
        }
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "local-stack-it",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        assertThat(received)
                .extracting(ConsumerRecord::key, ConsumerRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("actor-1", "hello"));
    }

    @Test
    @Order(3)
    void shouldRefuseTopicAutoCreation() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            stack.bootstrapServers(),
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            2_000),
                    new StringSerializer(),
                    new StringSerializer())) {
                // Fails: the topic is never created for us.
                assertThat(producer.send(new ProducerRecord<>("never-created", "k", "v")))
                        .failsWithin(Duration.ofSeconds(10));
            }
            assertThat(admin.listTopics().names().get()).doesNotContain("never-created");
        }
    }

    @Test
    @Order(4)
    void shouldRegisterAndServeSchemasWithBackwardCompatibility() throws Exception {
        assertThat(get("/config").body()).contains("\"BACKWARD\"");

        HttpResponse<String> registered = post("/subjects/greeting-value/versions", schemaBody(RECORD_V1));
        assertThat(registered.statusCode()).isEqualTo(200);
        int id = id(registered.body());

        HttpResponse<String> byId = get("/schemas/ids/" + id);
        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).contains("Greeting").contains("text");
        assertThat(get("/subjects").body()).contains("\"greeting-value\"");

        // As with Confluent, one schema has one id, whichever subject registers it ...
        assertThat(id(post("/subjects/other-value/versions", schemaBody(RECORD_V1))
                        .body()))
                .isEqualTo(id);
        // ... and re-registering it in a subject, even reformatted, returns the existing id.
        String reformatted = RECORD_V1.replace(",", ", ").replace(":", ": ");
        assertThat(id(post("/subjects/greeting-value/versions", schemaBody(reformatted))
                        .body()))
                .isEqualTo(id);
        assertThat(get("/subjects/greeting-value/versions").body()).isEqualTo("[1]");

        // A new required field breaks BACKWARD compatibility.
        assertThat(post("/subjects/greeting-value/versions", schemaBody(RECORD_V2_WITHOUT_DEFAULT))
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    @Order(5)
    void shouldLeaveNothingRunningAfterClose() {
        ProcessHandle broker = stack.broker().processHandle();
        ProcessHandle registry = stack.registry().processHandle();
        int brokerPort = stack.broker().port();
        int controllerPort = stack.broker().controllerPort();
        int registryPort = stack.registry().port();

        stack.close();

        assertThat(broker.isAlive()).isFalse();
        assertThat(registry.isAlive()).isFalse();
        assertThat(Set.of(brokerPort, controllerPort, registryPort)).noneMatch(Ports::isAccepting);
    }

    private static String schemaBody(String schema) {
        return "{\"schema\":\"" + schema.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static int id(String body) {
        Matcher matcher = ID.matcher(body);
        assertThat(matcher.find()).as("an id in %s", body).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + path))
                        .header("Content-Type", CONFLUENT_JSON)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
