package io.actorpreload.topology;

import static io.actorpreload.topology.StackFixture.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.KafkaBroker;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.testkit.TestKvStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a replicated cluster of three brokers (every topic three replicas, the runner's too,
 * at the brokers' default), exactly-once: start requests flow at a steady
 * pace while the broker that leads the start-request partition is SIGKILLed (by its handle) and
 * restarted. Every request gives exactly one committed command on its runner's topic (read_committed),
 * preloaded, and reaches the runner's handler once; nothing is dead-lettered.
 */
class ReplicatedPipelineIT {
    private static final int REQUESTS = 600;
    private static final String RUNNER = "r1";

    @TempDir
    Path dir;

    private final StackFixture fixture = new StackFixture("replicated", SharedLocalStack.replicated());

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldLoseAndRepeatNothingWhenTheRequestPartitionsLeaderDies() throws Exception {
        fixture.createTopics(Map.of(), 2 * 1024 * 1024); // the runner creates its own topics
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(dir.resolve("store"));
                ManifestPublisher publisher = ManifestPublisher.create(
                        fixture.stack.bootstrapServers(),
                        fixture.stack.schemaRegistryUrl(),
                        fixture.manifestsTopic,
                        ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                        Duration.ofSeconds(60),
                        Map.of())) {
            ActorKvWriter writer = new ActorKvWriter(store);
            for (int i = 0; i < REQUESTS; i++) {
                writer.put(
                        actor(i),
                        List.of(new KvRecord(utf8("state"), utf8("state-of-" + i), utf8("v1"), Instant.now())));
            }
            publisher.publish(PreloadManifest.newBuilder()
                    .setActorName("counter")
                    .setGetKeys(List.of(ByteBuffer.wrap(utf8("state"))))
                    .setPrefixes(List.of())
                    .setMaxTotalBytes(64 * 1024)
                    .build());
            RunnerConfig runnerConfig = RunnerConfig.builder(
                            RUNNER, fixture.stack.bootstrapServers(), fixture.stack.schemaRegistryUrl())
                    .commandTopicPattern(fixture.id + ".runner.{runnerId}.commands")
                    .pollTimeout(Duration.ofMillis(100))
                    .build();
            try (PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(fixture.settings(dir)), store);
                    RunnerClient runner = RunnerClient.start(runnerConfig, new TestKvStore().kvClients(), startup -> {
                        if (startup.status() == PreloadStatus.PRELOADED) {
                            handled.computeIfAbsent(startup.actorId(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        } else {
                            throw new IllegalStateException(startup.actorId() + " came " + startup.status());
                        }
                    });
                    KafkaProducer<String, ActorStartRequested> producer = fixture.producer(ActorStartRequested.class)) {
                assertThat(fixture.admin()
                                .describeTopics(List.of(fixture.runnerTopic(RUNNER)))
                                .allTopicNames()
                                .get()
                                .get(fixture.runnerTopic(RUNNER))
                                .partitions()
                                .get(0)
                                .replicas())
                        .as("replicas of the topic the runner created, at the brokers' default")
                        .hasSize(3);
                KafkaBroker killed = null;
                for (int i = 0; i < REQUESTS; i++) {
                    producer.send(new ProducerRecord<>(
                            fixture.requestsTopic, actor(i), StackFixture.request(actor(i), "counter", RUNNER, 0)));
                    if (i == REQUESTS / 3) {
                        producer.flush();
                        killed = fixture.stack.brokers().leaderOf(fixture.requestsTopic, 0);
                        System.out.println("ReplicatedPipelineIT: SIGKILL of broker " + killed.nodeId()
                                + ", the leader of the start requests, after " + (i + 1) + " requests");
                        ProcessHandle process = killed.processHandle();
                        process.destroyForcibly();
                        process.onExit().get(30, TimeUnit.SECONDS);
                    }
                    if (i == REQUESTS / 2 && killed != null) {
                        killed.restart();
                    }
                    Thread.sleep(10);
                }
                producer.flush();
                awaitTrue("every request reaches the runner's handler", () -> handled.size() == REQUESTS);
                fixture.awaitAllRequestsProcessed();
                assertThat(runner.metrics().deadLettered()).isZero();
            }
        }
        List<StartActorCommand> commands = fixture.commandsOn(fixture.runnerTopic(RUNNER));
        Map<String, Long> perActor =
                commands.stream().collect(Collectors.groupingBy(c -> c.getActorId(), Collectors.counting()));
        assertThat(perActor)
                .as("committed commands per actor")
                .hasSize(REQUESTS)
                .allSatisfy((actor, count) -> assertThat(count).as(actor).isEqualTo(1L));
        assertThat(commands).allMatch(c -> c.getPreloadStatus() == PreloadStatus.PRELOADED);
        assertThat(handled.values().stream().map(AtomicInteger::get).collect(Collectors.toSet()))
                .as("starts per actor at the handler")
                .containsExactly(1);
        assertThat(fixture.readCommitted(fixture.deadLetterTopic)).isEmpty();
        System.out.println("ReplicatedPipelineIT: " + REQUESTS + " requests, " + commands.size()
                + " committed commands, each started once, across the leader's SIGKILL");
    }

    private static String actor(int i) {
        return "actor-" + i;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
