package io.actorpreload.topology;

import static io.actorpreload.topology.TopologyFixture.manifest;
import static io.actorpreload.topology.TopologyFixture.preloaded;
import static io.actorpreload.topology.TopologyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.PreloadOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * For random requests (preloaded, too large to carry their preload, store errors, a store that
 * throws, no manifest, too large even without preload), random in-flight bounds and random
 * completion orders, the asynchronous processor sends exactly what the synchronous one sends:
 * the same records (key, value, timestamp, headers) in the same order, and the same dead letters.
 */
class AsyncPreloadProperties {
    private static final String REQUESTS = "actor-start-requests";
    private static final String TOPIC = "runner.r1.commands";
    private static final String DLQ = "actor-start-requests.dlq";
    private static final int LIMIT = 64 * 1024;
    private static final RunnerTopics RUNNER_TOPICS =
            topic -> topic.equals(TOPIC) ? RunnerTopics.Lookup.exists(LIMIT) : RunnerTopics.Lookup.missing();

    /** One request and what its preload gives. */
    private record Step(
            ActorStartRequested request, PreloadOutcome outcome, List<Integer> completeAfter, boolean tick) {}

    @Property(tries = 60)
    void shouldSendWhatTheSynchronousProcessorSends(
            @ForAll @IntRange(min = 2, max = 12) int maxInFlight,
            @ForAll @IntRange(min = 1, max = 40) int records,
            @ForAll long seed) {
        List<Step> steps = scenario(new Random(seed), records);
        Result synchronous = run(steps, 1);
        Result asynchronous = run(steps, maxInFlight);
        assertThat(asynchronous.commands()).isEqualTo(synchronous.commands());
        assertThat(asynchronous.deadLetterKeys()).isEqualTo(synchronous.deadLetterKeys());
        assertThat(synchronous.commands().size() + synchronous.deadLetterKeys().size())
                .isEqualTo(records);
    }

    private static List<Step> scenario(Random random, int records) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String actorId = "a" + i;
            int kind = random.nextInt(6);
            ActorStartRequested request = request(actorId, kind == 4 ? "plain" : "counter", "r1");
            if (kind == 5) {
                request.setInput(ByteBuffer.wrap(new byte[LIMIT]));
            }
            PreloadOutcome outcome = switch (kind) {
                case 0, 4, 5 -> PreloadOutcome.preloaded(preloaded(random.nextInt(200)));
                case 1 -> PreloadOutcome.preloaded(preloaded(LIMIT)); // TOO_LARGE
                case 2 -> PreloadOutcome.storeError("deadline passed");
                default -> null; // the store throws
            };
            List<Integer> completeAfter = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                if (random.nextInt(4) == 0) {
                    completeAfter.add(j);
                }
            }
            steps.add(new Step(request, outcome, completeAfter, random.nextBoolean()));
        }
        return steps;
    }

    private record Result(List<TestRecord<String, StartActorCommand>> commands, List<String> deadLetterKeys) {}

    private static Result run(List<Step> steps, int maxInFlight) {
        Map<String, PreloadOutcome> outcomes = new HashMap<>();
        steps.forEach(step -> outcomes.put(step.request().getActorId().toString(), step.outcome()));
        ControlledPreloads store = new ControlledPreloads(actorId -> {
            PreloadOutcome outcome = outcomes.get(actorId);
            if (outcome == null) {
                throw new IllegalStateException("the store broke for " + actorId);
            }
            return outcome;
        });
        Map<String, Object> settings = TopologyFixture.settings();
        settings.put(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, Integer.toString(maxInFlight));
        PreloadTopologyConfig config = new PreloadTopologyConfig(settings);
        try (TopologyTestDriver driver = new TopologyTestDriver(
                PreloadTopology.build(config, store, RUNNER_TOPICS), config.streamsProperties())) {
            TestInputTopic<String, ActorStartRequested> requests = driver.createInputTopic(
                    REQUESTS,
                    new StringSerializer(),
                    TopologyFixture.serde(ActorStartRequested.class, config).serializer());
            driver.createInputTopic(
                            "actor-preload-manifests",
                            new StringSerializer(),
                            TopologyFixture.serde(PreloadManifest.class, config).serializer())
                    .pipeInput("counter", manifest("counter", 1_000_000));
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                String actorId = step.request().getActorId().toString();
                requests.pipeInput(new TestRecord<>(
                        actorId,
                        step.request(),
                        new RecordHeaders().add("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
                        Instant.ofEpochMilli(10_000L + 7L * i)));
                for (int j : step.completeAfter()) {
                    String earlier = "a" + j;
                    if (store.running().contains(earlier)) {
                        store.complete(earlier);
                    }
                }
                if (step.tick()) {
                    driver.advanceWallClockTime(Duration.ofMillis(5));
                }
            }
            store.running().forEach(store::complete);
            driver.advanceWallClockTime(Duration.ofMillis(5));
            List<TestRecord<String, StartActorCommand>> commands = driver.createOutputTopic(
                            TOPIC,
                            new StringDeserializer(),
                            TopologyFixture.serde(StartActorCommand.class, config)
                                    .deserializer())
                    .readRecordsToList();
            List<String> deadLetters = driver
                    .createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .readRecordsToList()
                    .stream()
                    .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .toList();
            return new Result(commands, deadLetters);
        }
    }
}
