package io.actorpreload.topology;

import static io.actorpreload.topology.StackFixture.actorIds;
import static io.actorpreload.topology.StackFixture.keys;
import static io.actorpreload.topology.StackFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.SchemaRegistryServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault 2, on the real broker and registry under exactly-once: with the registry
 * stopped, the command serializer cannot get a schema id for a runner topic the topology has not
 * sent to yet. Those start requests are good: they must be retried until the registry is back,
 * then delivered once each, and none dead-lettered. Counted with read_committed.
 *
 * <p>The shared registry is stopped and restarted on the same port; until the local registry
 * keeps its schemas across restarts, the restarted one is empty, so nothing here decodes a record
 * written before the restart with a fresh client.
 */
class RegistryOutageIT {
    private static final int DURING_OUTAGE = 10;

    @TempDir
    Path dir;

    private final StackFixture fixture = new StackFixture("registry-outage");
    private final SchemaRegistryServer registry = fixture.stack.registry();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldRetryRequestsForANewRunnerWhileTheRegistryIsDownAndDeadLetterNone() throws Exception {
        fixture.createTopics(Map.of(), 2 * 1024 * 1024, "r0", "r1");
        // One subject per runner topic, so a runner the topology has not sent to yet needs the registry
        // (with the default record-name subject every runner shares the id the topology has cached).
        Map<String, Object> settings = new java.util.HashMap<>(fixture.settings(dir));
        settings.put(PreloadTopologyConfig.VALUE_SUBJECT_NAME_STRATEGY_CONFIG, "topic");
        PreloadTopologyConfig config = new PreloadTopologyConfig(settings);
        List<String> duringOutage = actorIds("outage-", DURING_OUTAGE);
        try (PreloadApp app = PreloadApp.start(config);
                KafkaProducer<String, ActorStartRequested> producer = fixture.producer(ActorStartRequested.class)) {
            // Warms up both sides: the producer's and the topology's request schema ids are cached,
            // and the topology has sent to r0, but never to r1.
            producer.send(new ProducerRecord<>(fixture.requestsTopic, "warm", request("warm", "plain", "r0", 0)))
                    .get();
            fixture.awaitAllRequestsProcessed();

            registry.stop();
            try {
                for (String actorId : duringOutage) {
                    producer.send(new ProducerRecord<>(
                                    fixture.requestsTopic, actorId, request(actorId, "plain", "r1", 0)))
                            .get();
                }
                // The topology has met the outage once it has retried (a failed stream thread) or
                // dead-lettered (what it did before the fix).
                StackFixture.awaitTrue(
                        "the topology to meet the registry outage",
                        () -> StackFixture.clientMetric(app.streams(), "failed-stream-threads") >= 1
                                || !fixture.readCommitted(fixture.deadLetterTopic)
                                        .isEmpty());
            } finally {
                registry.restart();
            }
            fixture.awaitAllRequestsProcessed();
            System.out.printf(
                    "RegistryOutageIT: %.0f stream thread(s) failed and were replaced during the outage%n",
                    StackFixture.clientMetric(app.streams(), "failed-stream-threads"));
        }

        List<String> deadLetters = keys(fixture.readCommitted(fixture.deadLetterTopic));
        List<String> onR1 = keys(fixture.readCommitted(fixture.runnerTopic("r1")));
        System.out.printf(
                "RegistryOutageIT: sent %d requests, delivered %d commands, dead-lettered %d%n",
                DURING_OUTAGE + 1,
                onR1.size()
                        + keys(fixture.readCommitted(fixture.runnerTopic("r0"))).size(),
                deadLetters.size());
        assertThat(deadLetters).isEmpty();
        assertThat(keys(fixture.readCommitted(fixture.runnerTopic("r0")))).containsExactly("warm");
        assertThat(onR1).containsExactlyElementsOf(duringOutage);
        // Every command on r1 was written after the restart, so the restarted registry decodes it.
        assertThat(fixture.commandsOn(fixture.runnerTopic("r1")))
                .extracting(StartActorCommand::getActorId)
                .containsExactlyElementsOf(duringOutage);
    }
}
