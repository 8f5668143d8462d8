package io.actorpreload.topology;

import static io.actorpreload.topology.TopologyFixture.expectedCommand;
import static io.actorpreload.topology.TopologyFixture.manifest;
import static io.actorpreload.topology.TopologyFixture.preloaded;
import static io.actorpreload.topology.TopologyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.topology.internals.AsyncPreloadProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous preload step ({@code preload.max.in.flight} above 1) in the real topology,
 * against a store whose preloads complete in an order the test chooses ({@link ControlledPreloads}).
 */
class AsyncPreloadTopologyTest {
    private static final String REQUESTS = "actor-start-requests";
    private static final String MANIFESTS = "actor-preload-manifests";
    private static final String TOPIC = "runner.r1.commands";
    private static final RunnerTopics RUNNER_TOPICS =
            topic -> topic.equals(TOPIC) ? RunnerTopics.Lookup.exists(64 * 1024) : RunnerTopics.Lookup.missing();
    private static final PreloadedKv KV = preloaded(100);

    private final Map<String, PreloadOutcome> outcomes = new HashMap<>();
    private final ControlledPreloads store = new ControlledPreloads(actorId -> {
        PreloadOutcome outcome = outcomes.get(actorId);
        if (outcome == null) {
            throw new IllegalStateException("the store broke for " + actorId);
        }
        return outcome;
    });
    private TopologyTestDriver driver;
    private TestInputTopic<String, ActorStartRequested> requests;
    private TestOutputTopic<String, StartActorCommand> commands;

    private void start(int maxInFlight) {
        Map<String, Object> settings = TopologyFixture.settings();
        settings.put(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, Integer.toString(maxInFlight));
        PreloadTopologyConfig config = new PreloadTopologyConfig(settings);
        driver =
                new TopologyTestDriver(PreloadTopology.build(config, store, RUNNER_TOPICS), config.streamsProperties());
        requests = driver.createInputTopic(
                REQUESTS,
                new StringSerializer(),
                TopologyFixture.serde(ActorStartRequested.class, config).serializer());
        TestInputTopic<String, PreloadManifest> manifests = driver.createInputTopic(
                MANIFESTS,
                new StringSerializer(),
                TopologyFixture.serde(PreloadManifest.class, config).serializer());
        manifests.pipeInput("counter", manifest("counter", 10_000));
        Serde<StartActorCommand> serde = TopologyFixture.serde(StartActorCommand.class, config);
        commands = driver.createOutputTopic(TOPIC, new StringDeserializer(), serde.deserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private ActorStartRequested send(String actorId, String actorName) {
        ActorStartRequested request = request(actorId, actorName, "r1");
        requests.pipeInput(new TestRecord<>(
                actorId,
                request,
                new RecordHeaders().add("trace", utf8(actorId)),
                Instant.ofEpochMilli(1_000 + actorId.hashCode() % 1000)));
        return request;
    }

    private List<String> forwardedActors() {
        driver.advanceWallClockTime(Duration.ofMillis(5));
        return commands.readValuesToList().stream()
                .map(c -> c.getActorId().toString())
                .toList();
    }

    private KeyValueStore<Long, byte[]> inFlightStore() {
        return driver.getKeyValueStore(AsyncPreloadProcessor.STORE);
    }

    @Test
    void shouldForwardInInputOrderWhenPreloadsCompleteOutOfOrder() {
        start(8);
        for (int i = 0; i < 5; i++) {
            outcomes.put("a" + i, PreloadOutcome.preloaded(KV));
            send("a" + i, "counter");
        }
        assertThat(store.running()).containsExactly("a0", "a1", "a2", "a3", "a4");
        assertThat(forwardedActors()).as("nothing is done yet").isEmpty();

        store.complete("a3");
        store.complete("a1");
        assertThat(forwardedActors())
                .as("a0 still runs: nothing may overtake it")
                .isEmpty();
        store.complete("a0");
        assertThat(forwardedActors()).containsExactly("a0", "a1");
        store.complete("a4");
        store.complete("a2");
        assertThat(forwardedActors()).containsExactly("a2", "a3", "a4");
        assertThat(forwardedActors()).as("each exactly once").isEmpty();
        assertThat(store.waitedFor()).as("below the bound nobody waits").isZero();
    }

    @Test
    void shouldGiveEachRecordItsOwnStatusKeyTimestampAndHeaders() {
        start(8);
        outcomes.put("a0", PreloadOutcome.preloaded(KV));
        outcomes.put("a2", PreloadOutcome.storeError("deadline passed"));
        ActorStartRequested preloadedRequest = send("a0", "counter");
        ActorStartRequested noManifest = send("a1", "plain");
        ActorStartRequested storeError = send("a2", "counter");
        ActorStartRequested broken = send("a3", "counter"); // the store throws
        store.complete("a3");
        store.complete("a2");
        store.complete("a0");
        driver.advanceWallClockTime(Duration.ofMillis(5));

        List<TestRecord<String, StartActorCommand>> out = commands.readRecordsToList();
        assertThat(out)
                .extracting(TestRecord::value)
                .containsExactly(
                        expectedCommand(preloadedRequest, PreloadStatus.PRELOADED, KV),
                        expectedCommand(noManifest, PreloadStatus.NO_MANIFEST, null),
                        expectedCommand(storeError, PreloadStatus.STORE_ERROR, null, "deadline passed"),
                        expectedCommand(
                                broken,
                                PreloadStatus.STORE_ERROR,
                                null,
                                "store-error: java.lang.IllegalStateException: the store broke for a3"));
        for (TestRecord<String, StartActorCommand> record : out) {
            String actorId = record.value().getActorId().toString();
            assertThat(record.key()).isEqualTo(actorId);
            assertThat(record.timestamp()).isEqualTo(1_000 + actorId.hashCode() % 1000);
            assertThat(record.headers().lastHeader("trace").value()).isEqualTo(utf8(actorId));
        }
    }

    @Test
    void shouldWaitForTheOldestWhenTheBoundIsReached() {
        start(2);
        for (int i = 0; i < 4; i++) {
            outcomes.put("a" + i, PreloadOutcome.preloaded(KV));
            send("a" + i, "counter");
        }
        assertThat(store.waitedFor())
                .as("a0 and a1 waited for when a2 and a3 came")
                .isEqualTo(2);
        assertThat(store.running()).containsExactly("a2", "a3");
        assertThat(commands.readValuesToList())
                .extracting(c -> c.getActorId().toString())
                .containsExactly("a0", "a1");
    }

    @Test
    void shouldKeepEveryProcessedRecordWithoutItsCommandInTheInFlightStore() {
        start(8);
        for (int i = 0; i < 3; i++) {
            outcomes.put("a" + i, PreloadOutcome.preloaded(KV));
            send("a" + i, "counter");
        }
        // Whenever Streams commits now, the three records' offsets go with their entries.
        assertThat(countEntries()).isEqualTo(3);
        store.complete("a0");
        assertThat(forwardedActors()).containsExactly("a0");
        assertThat(countEntries()).as("forwarded and deleted together").isEqualTo(2);
        store.complete("a1");
        store.complete("a2");
        assertThat(forwardedActors()).containsExactly("a1", "a2");
        assertThat(countEntries()).isZero();
    }

    private int countEntries() {
        int n = 0;
        try (var all = inFlightStore().all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
