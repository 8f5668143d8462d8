package io.actorpreload.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.ChildProcess;
import io.actorpreload.localstack.FoundationDbCluster;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.fdb.LiveFoundationDb;
import io.actorpreload.preload.store.PreloadStore;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production store down while start requests flow: the topology (in its own process, on the
 * shared live FoundationDB server) goes on sending every command, without preload
 * ({@code STORE_ERROR}) while the server is killed and with it once the server is back, dead-letters
 * nothing, and logs the outage once when it begins and once when it ends, with how many preloads
 * failed in between, instead of a line per request. Skipped where no FoundationDB is configured.
 */
class StoreOutageIT {
    private static final int BATCH = 150;

    @TempDir
    Path dir;

    private StackFixture fixture;
    private final List<ChildProcess> children = new ArrayList<>();

    @BeforeEach
    void requireFoundationDb() {
        LiveFoundationDb.assumeAvailable();
        fixture = new StackFixture("outage");
    }

    @AfterEach
    void stop() {
        children.forEach(ChildProcess::stop);
        if (fixture != null) {
            fixture.close();
        }
        FoundationDbCluster server = LiveFoundationDb.server();
        if (!server.isRunning(0)) {
            server.restart(0); // leave the shared server running for the next test
        }
    }

    @Test
    void shouldSendEveryCommandThroughAStoreOutageAndLogItOnceWhenItBeginsAndOnceWhenItEnds() throws Exception {
        fixture.createTopics(Map.of(), 2_097_152, "r0");
        Properties settings = settings();
        seed(settings, 3 * BATCH);
        try (KafkaProducer<String, PreloadManifest> producer = fixture.producer(PreloadManifest.class)) {
            producer.send(new ProducerRecord<>(
                            fixture.manifestsTopic,
                            "counter",
                            PreloadManifest.newBuilder()
                                    .setActorName("counter")
                                    .setGetKeys(List.of(ByteBuffer.wrap(utf8("state"))))
                                    .setPrefixes(List.of())
                                    .setMaxTotalBytes(64 * 1024)
                                    .build()))
                    .get();
        }
        ChildProcess topology = startTopology(settings);
        FoundationDbCluster server = LiveFoundationDb.server();

        List<StartActorCommand> before = sendAndRead(0, BATCH);
        server.kill(0);
        List<StartActorCommand> during = sendAndRead(BATCH, BATCH);
        server.restart(0);
        List<StartActorCommand> after = sendAndRead(2 * BATCH, BATCH);
        topology.stop();

        assertThat(before).extracting(StartActorCommand::getPreloadStatus).containsOnly(PreloadStatus.PRELOADED);
        assertThat(during).extracting(StartActorCommand::getPreloadStatus).containsOnly(PreloadStatus.STORE_ERROR);
        assertThat(during)
                .allSatisfy(command -> assertThat(command.getPreloadFailure()).isNotNull());
        // The client reconnects on its own; a few of the first requests after the restart may still fail.
        assertThat(after)
                .extracting(StartActorCommand::getPreloadStatus)
                .isSubsetOf(PreloadStatus.PRELOADED, PreloadStatus.STORE_ERROR);
        assertThat(after.get(after.size() - 1).getPreloadStatus()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(fixture.readCommitted(fixture.deadLetterTopic)).isEmpty();

        long failed = before.size() + during.size() + after.size() - countPreloaded(before, during, after);
        List<String> log = Files.readAllLines(topology.logFile());
        List<String> perRequest =
                log.stream().filter(line -> line.contains("Preload of actor")).toList();
        List<String> began =
                log.stream().filter(line -> line.contains("store outage began")).toList();
        List<String> ended =
                log.stream().filter(line -> line.contains("store outage ended")).toList();
        System.out.println("StoreOutageIT: " + failed + " preloads failed; log lines per request " + perRequest.size()
                + ", outage began " + began.size() + ", ended " + ended.size() + ": " + ended);
        assertThat(perRequest).as("a log line per failed request").isEmpty();
        assertThat(began).hasSize(1);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0)).contains(failed + " preloads failed");
    }

    private Properties settings() {
        Properties properties = new Properties();
        properties.putAll(fixture.settings(dir));
        properties.setProperty(PreloadTopologyConfig.INSTANCE_ID_CONFIG, "outage-child");
        properties.setProperty(PreloadTopologyConfig.STORE_TYPE_CONFIG, "fdb");
        properties.setProperty(
                PreloadTopologyConfig.FDB_CLUSTER_FILE_CONFIG,
                LiveFoundationDb.server().clusterFile().toString());
        properties.setProperty(PreloadTopologyConfig.STORE_ROOT_PREFIX_CONFIG, "outage-it/" + fixture.id);
        properties.setProperty(PreloadTopologyConfig.PRELOAD_DEADLINE_MS_CONFIG, "1000");
        return properties;
    }

    private void seed(Properties settings, int actors) {
        try (PreloadStore store = PreloadStores.open(new PreloadTopologyConfig(settings))) {
            ActorKvWriter writer = new ActorKvWriter(store);
            for (int i = 0; i < actors; i++) {
                writer.put(
                        actorId(i),
                        List.of(new KvRecord(
                                utf8("state"),
                                utf8("state of " + i),
                                new byte[] {1},
                                Instant.ofEpochMilli(1_700_000_000_000L))));
            }
        }
    }

    private ChildProcess startTopology(Properties settings) throws Exception {
        Path config = dir.resolve("topology.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            settings.store(out, null);
        }
        ChildProcess child = CrashableTopology.start(dir, config, "topology", 0);
        children.add(child);
        return child;
    }

    /** Sends the requests of actors {@code from} to {@code from + count} and waits for their committed commands. */
    private List<StartActorCommand> sendAndRead(int from, int count) throws Exception {
        try (KafkaProducer<String, ActorStartRequested> producer = fixture.producer(ActorStartRequested.class)) {
            for (int i = from; i < from + count; i++) {
                producer.send(new ProducerRecord<>(
                        fixture.requestsTopic, actorId(i), StackFixture.request(actorId(i), "counter", "r0", 0)));
            }
            producer.flush();
        }
        String topic = fixture.runnerTopic("r0");
        StackFixture.awaitTrue(
                (from + count) + " commands on " + topic,
                () -> fixture.commandsOn(topic).size() >= from + count);
        List<StartActorCommand> commands = fixture.commandsOn(topic);
        assertThat(commands).hasSize(from + count);
        return commands.subList(from, from + count);
    }

    @SafeVarargs
    private static long countPreloaded(List<StartActorCommand>... batches) {
        return Arrays.stream(batches)
                .flatMap(List::stream)
                .filter(command -> command.getPreloadStatus() == PreloadStatus.PRELOADED)
                .count();
    }

    private static String actorId(int i) {
        return "actor-" + i;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
