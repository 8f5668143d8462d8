package io.actorpreload.topology;

import static io.actorpreload.topology.TopologyFixture.expectedCommand;
import static io.actorpreload.topology.TopologyFixture.manifest;
import static io.actorpreload.topology.TopologyFixture.preloaded;
import static io.actorpreload.topology.TopologyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.schemas.contract.DeadLetterHeaders;
import io.actorpreload.schemas.registry.SchemaRegistryClients;
import io.actorpreload.topology.internals.RetryLaterException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real topology, driven record by record; the store behind a fake {@link PreloadFunction}. */
class PreloadTopologyTest {
    private static final String REQUESTS = "actor-start-requests";
    private static final String MANIFESTS = "actor-preload-manifests";
    private static final String DLQ = "actor-start-requests.dlq";
    private static final int TOPIC_LIMIT = 64 * 1024;

    private final Map<String, Integer> existingTopics =
            new HashMap<>(Map.of("runner.r1.commands", TOPIC_LIMIT, "runner.r2.commands", TOPIC_LIMIT));
    private final Map<String, String> unknownTopics = new HashMap<>();
    private final RunnerTopics runnerTopics = topic -> unknownTopics.containsKey(topic)
            ? RunnerTopics.Lookup.unknown(unknownTopics.get(topic))
            : existingTopics.containsKey(topic)
                    ? RunnerTopics.Lookup.exists(existingTopics.get(topic))
                    : RunnerTopics.Lookup.missing();
    private final AtomicInteger preloadCalls = new AtomicInteger();
    private PreloadFunction store = (actorId, manifest) -> PreloadOutcome.preloaded(preloaded(100));

    private TopologyTestDriver driver;
    private PreloadTopologyConfig config;
    private TestInputTopic<String, ActorStartRequested> requests;
    private TestInputTopic<String, byte[]> rawRequests;
    private TestInputTopic<String, PreloadManifest> manifests;
    private TestInputTopic<String, byte[]> rawManifests;
    private Serde<StartActorCommand> commands;

    private void start(Map<String, Object> overrides) {
        Map<String, Object> settings = TopologyFixture.settings();
        settings.putAll(overrides);
        config = new PreloadTopologyConfig(settings);
        PreloadFunction counted = (actorId, manifest) -> {
            preloadCalls.incrementAndGet();
            return store.preload(actorId, manifest);
        };
        driver = new TopologyTestDriver(
                PreloadTopology.build(config, counted, runnerTopics), config.streamsProperties());
        requests = driver.createInputTopic(
                REQUESTS,
                new StringSerializer(),
                TopologyFixture.serde(ActorStartRequested.class, config).serializer());
        rawRequests = driver.createInputTopic(REQUESTS, new StringSerializer(), new ByteArraySerializer());
        manifests = driver.createInputTopic(
                MANIFESTS,
                new StringSerializer(),
                TopologyFixture.serde(PreloadManifest.class, config).serializer());
        rawManifests = driver.createInputTopic(MANIFESTS, new StringSerializer(), new ByteArraySerializer());
        commands = TopologyFixture.serde(StartActorCommand.class, config);
    }

    private void start() {
        start(Map.of());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private List<StartActorCommand> commandsOn(String topic) {
        TestOutputTopic<String, StartActorCommand> out =
                driver.createOutputTopic(topic, new StringDeserializer(), commands.deserializer());
        return out.readValuesToList();
    }

    private List<TestRecord<byte[], byte[]>> deadLetters() {
        return driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
    }

    @Test
    void shouldSendNoManifestCommandWhenTheActorTypeHasNoManifest() {
        start();
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(request, PreloadStatus.NO_MANIFEST, null));
        assertThat(preloadCalls).hasValue(0);
    }

    @Test
    void shouldSendThePreloadWhenTheActorTypeHasAManifest() {
        PreloadedKv kv = preloaded(100);
        store = (actorId, manifest) -> PreloadOutcome.preloaded(kv);
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(request, PreloadStatus.PRELOADED, kv));
    }

    @Test
    void shouldSendDisabledWithoutReadingTheStoreWhenTheBudgetIsZero() {
        start(Map.of(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, "0"));
        manifests.pipeInput("counter", manifest("counter", 10_000));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(request, PreloadStatus.DISABLED, null));
        assertThat(preloadCalls).hasValue(0);
    }

    @Test
    void shouldSendStoreErrorWithoutPreloadWhenTheStoreFails() {
        store = (actorId, manifest) -> PreloadOutcome.storeError("timeout: deadline of 2000 ms passed");
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(
                        request, PreloadStatus.STORE_ERROR, null, "timeout: deadline of 2000 ms passed"));
    }

    @Test
    void shouldSendStoreErrorWhenThePreloadFunctionThrows() {
        store = (actorId, manifest) -> {
            throw new IllegalStateException("store closed");
        };
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(
                        request,
                        PreloadStatus.STORE_ERROR,
                        null,
                        "store-error: java.lang.IllegalStateException: store closed"));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void shouldDropThePreloadWhenTheCommandWouldExceedTheRunnerTopicLimit() {
        store = (actorId, manifest) -> PreloadOutcome.preloaded(preloaded(TOPIC_LIMIT));
        start();
        manifests.pipeInput("counter", manifest("counter", 1024 * 1024));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        StartActorCommand command = single(commandsOn("runner.r1.commands"));
        assertThat(StartActorCommand.newBuilder(command).setPreloadFailure(null).build())
                .isEqualTo(expectedCommand(request, PreloadStatus.TOO_LARGE, null));
        assertThat(command.getPreloadFailure())
                .startsWith("too-large: ")
                .contains("more than runner.r1.commands accepts (" + TOPIC_LIMIT + ")");
    }

    @Test
    void shouldDropThePreloadWhenTheCommandWouldExceedTheProducerRequestSize() {
        store = (actorId, manifest) -> PreloadOutcome.preloaded(preloaded(40_000));
        start(Map.of(
                "streams.producer.max.request.size",
                "32768",
                PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG,
                "16384",
                PreloadTopologyConfig.COMMAND_HEADROOM_BYTES_CONFIG,
                "1024"));
        manifests.pipeInput("counter", manifest("counter", 16384));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        StartActorCommand command = single(commandsOn("runner.r1.commands"));
        assertThat(StartActorCommand.newBuilder(command).setPreloadFailure(null).build())
                .isEqualTo(expectedCommand(request, PreloadStatus.TOO_LARGE, null));
        assertThat(command.getPreloadFailure()).startsWith("too-large: ");
    }

    @Test
    void shouldSendInvalidManifestForAnInvalidManifest() {
        start();
        manifests.pipeInput("counter", manifest("counter", -1));
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        StartActorCommand command = single(commandsOn("runner.r1.commands"));
        assertThat(command.getPreloadStatus()).isEqualTo(PreloadStatus.INVALID_MANIFEST);
        assertThat(command.getPreloadedKv()).isNull();
        assertThat(command.getPreloadFailure())
                .startsWith("invalid-manifest: it is invalid: maxTotalBytes may not be negative");
        assertThat(preloadCalls).hasValue(0);
    }

    @Test
    void shouldRefuseAManifestWhoseActorNameIsNotItsKey() {
        start();
        manifests.pipeInput("counter", manifest("chat-room", 10_000));
        requests.pipeInput("a1", request("a1", "counter", "r1"));

        StartActorCommand command = single(commandsOn("runner.r1.commands"));
        assertThat(command.getPreloadStatus()).isEqualTo(PreloadStatus.INVALID_MANIFEST);
        assertThat(command.getPreloadedKv()).isNull();
        assertThat(command.getPreloadFailure()).contains("chat-room").contains("counter");
        assertThat(preloadCalls).hasValue(0);
    }

    /**
     * When several statuses apply, the first in docs/ARCHITECTURE.md's order wins: no manifest, a
     * global budget of 0, an unusable manifest, a manifest budget of 0, the store, the size.
     */
    @Test
    void shouldSayDisabledForAnInvalidManifestWhenTheGlobalBudgetIsZero() {
        start(Map.of(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, 0L));
        manifests.pipeInput("counter", manifest("counter", -1));
        requests.pipeInput("a1", request("a1", "counter", "r1"));
        requests.pipeInput("a2", request("a2", "plain", "r1"));

        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getPreloadStatus)
                .containsExactly(PreloadStatus.DISABLED, PreloadStatus.NO_MANIFEST);
        assertThat(preloadCalls).hasValue(0);
    }

    @Test
    void shouldClampAManifestAskingMoreThanTheGlobalBudgetAndCountIt() {
        start(Map.of(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, 5_000L));
        List<Long> budgetsSeen = new ArrayList<>();
        store = (actorId, manifest) -> {
            budgetsSeen.add(manifest.getMaxTotalBytes());
            return PreloadOutcome.preloaded(preloaded(100));
        };
        manifests.pipeInput("counter", manifest("counter", 10_000));
        ActorStartRequested first = request("a1", "counter", "r1");
        ActorStartRequested second = request("a2", "counter", "r1");
        requests.pipeInput("a1", first);
        requests.pipeInput("a2", second);

        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getPreloadStatus)
                .containsExactly(PreloadStatus.PRELOADED, PreloadStatus.PRELOADED);
        assertThat(budgetsSeen).containsExactly(5_000L, 5_000L);
        assertThat(metric("manifest-clamped-total")).isEqualTo(2.0);
    }

    @Test
    void shouldForgetAManifestRemovedByATombstone() {
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        manifests.pipeInput("counter", (PreloadManifest) null);
        ActorStartRequested request = request("a1", "counter", "r1");
        requests.pipeInput("a1", request);

        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(request, PreloadStatus.NO_MANIFEST, null));
    }

    @Test
    void shouldRouteEachCommandToItsRunnersTopic() {
        start();
        List<ActorStartRequested> toR1 = new ArrayList<>();
        List<ActorStartRequested> toR2 = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ActorStartRequested request = request("a" + i, "counter", i % 3 == 0 ? "r2" : "r1");
            (i % 3 == 0 ? toR2 : toR1).add(request);
            requests.pipeInput(request.getActorId(), request);
        }

        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getActorId)
                .containsExactlyElementsOf(
                        toR1.stream().map(ActorStartRequested::getActorId).toList());
        assertThat(commandsOn("runner.r2.commands"))
                .extracting(StartActorCommand::getActorId)
                .containsExactlyElementsOf(
                        toR2.stream().map(ActorStartRequested::getActorId).toList());
    }

    @Test
    void shouldDeadLetterAnUndecodableRequestWithItsBytesAndHeadersAndGoOn() {
        start();
        byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
        Headers headers = new RecordHeaders().add("trace-id", new byte[] {7});
        rawRequests.pipeInput(new TestRecord<>("a0", garbage, headers));
        ActorStartRequested next = request("a1", "counter", "r1");
        requests.pipeInput("a1", next);

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.key()).isEqualTo("a0".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, "trace-id")).isEqualTo("\u0007");
        assertThat(header(dead, DeadLetterHeaders.TOPIC)).isEqualTo(REQUESTS);
        assertThat(header(dead, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(commandsOn("runner.r1.commands"))
                .containsExactly(expectedCommand(next, PreloadStatus.NO_MANIFEST, null));
    }

    @Test
    void shouldDeadLetterARequestWhoseRunnerIdIsNoLegalTopicName() {
        start();
        ActorStartRequested bad = request("a0", "counter", "r/1");
        requests.pipeInput("a0", bad);
        requests.pipeInput("a1", request("a1", "counter", "r1"));

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.value())
                .isEqualTo(TopologyFixture.serde(ActorStartRequested.class, config)
                        .serializer()
                        .serialize(REQUESTS, bad));
        assertThat(header(dead, DeadLetterHeaders.MESSAGE)).contains("r/1").contains("legal topic name");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(dead.headers().lastHeader(DeadLetterHeaders.STACKTRACE)).isNull();
        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getActorId)
                .containsExactly("a1");
    }

    @Test
    void shouldDeadLetterARequestWhoseRunnerTopicDoesNotExist() {
        start();
        requests.pipeInput("a0", request("a0", "counter", "gone"));
        requests.pipeInput("a1", request("a1", "counter", "r1"));

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.key()).isEqualTo("a0".getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead, DeadLetterHeaders.MESSAGE)).contains("runner.gone.commands");
        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getActorId)
                .containsExactly("a1");
    }

    @Test
    void shouldRetryNotDeadLetterARequestWhoseRunnerTopicCouldNotBeChecked() {
        unknownTopics.put("runner.r1.commands", "no answer within 1000 ms");
        start();

        // The task fails (the driver rethrows), so a real application reads the request again.
        assertThatThrownBy(() -> requests.pipeInput("a0", request("a0", "counter", "r1")))
                .isInstanceOf(StreamsException.class)
                .hasRootCauseInstanceOf(RetryLaterException.class)
                .hasStackTraceContaining("runner.r1.commands");

        assertThat(deadLetters()).isEmpty();
        assertThat(commandsOn("runner.r1.commands")).isEmpty();
    }

    @Test
    void shouldDeadLetterARequestWhoseCommandSchemaTheRegistryRefuses() {
        start();
        // Another record's schema already holds the commands' subject (the record's name): StartActorCommand
        // is refused as incompatible (409), a permanent refusal.
        SchemaRegistryClients.fromConfig(config.serdeConfigs())
                .register(StartActorCommand.getClassSchema().getFullName(), PreloadManifest.getClassSchema());
        requests.pipeInput("a0", request("a0", "counter", "r1"));

        assertThat(header(single(deadLetters()), DeadLetterHeaders.MESSAGE)).contains("INCOMPATIBLE");
        assertThat(commandsOn("runner.r1.commands")).isEmpty();
    }

    @Test
    void shouldSendInvalidManifestWhenTheManifestCannotBeDecoded() {
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        rawManifests.pipeInput("counter", "garbage".getBytes(StandardCharsets.UTF_8));
        ActorStartRequested first = request("a1", "counter", "r1");
        ActorStartRequested second = request("a2", "counter", "r1");
        requests.pipeInput("a1", first);
        requests.pipeInput("a2", second);

        assertThat(commandsOn("runner.r1.commands"))
                .extracting(
                        StartActorCommand::getActorId,
                        StartActorCommand::getPreloadStatus,
                        StartActorCommand::getPreloadedKv)
                .containsExactly(
                        tuple(first.getActorId(), PreloadStatus.INVALID_MANIFEST, null),
                        tuple(second.getActorId(), PreloadStatus.INVALID_MANIFEST, null));
        assertThat(deadLetters()).isEmpty();
        assertThat(preloadCalls).hasValue(0);
    }

    @Test
    void shouldPreloadAgainOnceAValidManifestFollowsAnUndecodableOne() {
        start();
        rawManifests.pipeInput("counter", "garbage".getBytes(StandardCharsets.UTF_8));
        requests.pipeInput("a1", request("a1", "counter", "r1"));
        manifests.pipeInput("counter", manifest("counter", 10_000));
        requests.pipeInput("a2", request("a2", "counter", "r1"));

        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getPreloadStatus)
                .containsExactly(PreloadStatus.INVALID_MANIFEST, PreloadStatus.PRELOADED);
        assertThat(preloadCalls).hasValue(1);
    }

    @Test
    void shouldCutADeadLetterLargerThanTheProducerAcceptsAndSaySo() {
        start(Map.of(
                "streams.producer.max.request.size",
                "32768",
                PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG,
                "16384",
                PreloadTopologyConfig.COMMAND_HEADROOM_BYTES_CONFIG,
                "1024"));
        ActorStartRequested huge = request("a0", "counter", "r1");
        huge.setInput(ByteBuffer.wrap(new byte[100_000]));
        byte[] original = TopologyFixture.serde(ActorStartRequested.class, config)
                .serializer()
                .serialize(REQUESTS, huge);
        requests.pipeInput("a0", huge);
        requests.pipeInput("a1", request("a1", "counter", "r1"));

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(header(dead, DeadLetterHeaders.MESSAGE)).contains("even without preload");
        assertThat(header(dead, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(header(dead, DeadLetterHeaders.VALUE_SIZE)).isEqualTo(Integer.toString(original.length));
        assertThat(header(dead, DeadLetterHeaders.LEFT_OUT)).contains("value").contains("32768");
        assertThat(dead.value().length).isLessThan(32768);
        assertThat(dead.value()).isEqualTo(Arrays.copyOf(original, dead.value().length));
        assertThat(commandsOn("runner.r1.commands"))
                .extracting(StartActorCommand::getActorId)
                .containsExactly("a1");
    }

    @Test
    void shouldDeadLetterACommandTooLargeEvenWithoutPreload() {
        start();
        ActorStartRequested huge = request("a0", "counter", "r1");
        huge.setInput(ByteBuffer.wrap(new byte[TOPIC_LIMIT]));
        requests.pipeInput("a0", huge);

        assertThat(header(single(deadLetters()), DeadLetterHeaders.MESSAGE)).contains("even without preload");
        assertThat(commandsOn("runner.r1.commands")).isEmpty();
    }

    @Test
    void shouldDeadLetterARequestWithoutValue() {
        start();
        requests.pipeInput("a0", (ActorStartRequested) null);

        TestRecord<byte[], byte[]> dead = single(deadLetters());
        assertThat(dead.key()).isEqualTo("a0".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.value()).isNull();
    }

    @Test
    void shouldCountCommandsPerStatusAndDeadLettersInStreamsMetrics() {
        store = (actorId, manifest) -> PreloadOutcome.preloaded(preloaded(100));
        start();
        manifests.pipeInput("counter", manifest("counter", 10_000));
        requests.pipeInput("a1", request("a1", "counter", "r1"));
        requests.pipeInput("a2", request("a2", "counter", "r1"));
        requests.pipeInput("a3", request("a3", "other", "r1"));
        requests.pipeInput("a4", request("a4", "counter", "gone"));

        assertThat(metric("status-preloaded-total")).isEqualTo(2.0);
        assertThat(metric("status-no_manifest-total")).isEqualTo(1.0);
        assertThat(metric("dead-letter-total")).isEqualTo(1.0);
        assertThat(metric("preload-total")).isEqualTo(2.0);
        assertThat(metric("preload-entries-total")).isEqualTo(2.0);
        assertThat(metric("preload-bytes-max"))
                .isEqualTo((double) preloaded(100).getTotalBytes());
    }

    private double metric(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("stream-actor-preload-metrics")
                        && e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
