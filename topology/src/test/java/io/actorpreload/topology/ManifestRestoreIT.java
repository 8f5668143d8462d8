package io.actorpreload.topology;

import static io.actorpreload.topology.StackFixture.actorIds;
import static io.actorpreload.topology.StackFixture.keys;
import static io.actorpreload.topology.StackFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, fault 3, on the real broker and registry under exactly-once: a good manifest, then raw
 * garbage under the same key; a fresh instance (empty state directory) restores the global table
 * from the manifest topic. The actors of that type must still start (without preload), those of
 * another type keep their preload, and nothing is dead-lettered. Counted with read_committed.
 */
class ManifestRestoreIT {
    private static final int PER_TYPE = 10;

    @TempDir
    Path dir;

    private final StackFixture fixture = new StackFixture("manifest-restore");

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void shouldStartActorsWithoutPreloadWhenTheirRestoredManifestIsGarbageAndDeadLetterNone() throws Exception {
        fixture.createTopics(Map.of(), 2 * 1024 * 1024, "r0");
        try (KafkaProducer<String, PreloadManifest> manifests = fixture.producer(PreloadManifest.class);
                KafkaProducer<String, byte[]> raw = fixture.rawProducer()) {
            manifests
                    .send(new ProducerRecord<>(
                            fixture.manifestsTopic, "counter", TopologyFixture.manifest("counter", 10_000)))
                    .get();
            manifests
                    .send(new ProducerRecord<>(
                            fixture.manifestsTopic, "chat", TopologyFixture.manifest("chat", 10_000)))
                    .get();
            raw.send(new ProducerRecord<>(
                            fixture.manifestsTopic,
                            "counter",
                            "garbage, not a manifest".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        List<String> counters = actorIds("counter-", PER_TYPE);
        List<String> chats = actorIds("chat-", PER_TYPE);

        try (PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(fixture.settings(dir)));
                KafkaProducer<String, ActorStartRequested> producer = fixture.producer(ActorStartRequested.class)) {
            for (int i = 0; i < PER_TYPE; i++) {
                producer.send(new ProducerRecord<>(
                        fixture.requestsTopic, counters.get(i), request(counters.get(i), "counter", "r0", 0)));
                producer.send(new ProducerRecord<>(
                        fixture.requestsTopic, chats.get(i), request(chats.get(i), "chat", "r0", 0)));
            }
            producer.flush();
            fixture.awaitAllRequestsProcessed();
        }

        List<String> deadLetters = keys(fixture.readCommitted(fixture.deadLetterTopic));
        List<StartActorCommand> commands = fixture.commandsOn(fixture.runnerTopic("r0"));
        System.out.printf(
                "ManifestRestoreIT: sent %d requests, delivered %d commands, dead-lettered %d%n",
                2 * PER_TYPE, commands.size(), deadLetters.size());
        assertThat(deadLetters).isEmpty();
        Map<String, PreloadStatus> statuses = commands.stream()
                .collect(Collectors.toMap(c -> c.getActorId().toString(), StartActorCommand::getPreloadStatus));
        assertThat(commands).hasSize(2 * PER_TYPE);
        List<String> all = new ArrayList<>(counters);
        all.addAll(chats);
        assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(all);
        counters.forEach(id -> assertThat(statuses.get(id)).as(id).isEqualTo(PreloadStatus.INVALID_MANIFEST));
        chats.forEach(id -> assertThat(statuses.get(id)).as(id).isEqualTo(PreloadStatus.PRELOADED));
    }
}
