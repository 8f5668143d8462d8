package io.actorpreload.topology;

import static io.actorpreload.topology.TopologyFixture.bytes;
import static io.actorpreload.topology.TopologyFixture.expectedCommand;
import static io.actorpreload.topology.TopologyFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.ReferencePreloadModel;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology with the real {@link Preloader} on a real RocksDB store in a temporary directory. */
class RocksDbPreloadTopologyTest {
    private static final List<KvRecord> CONTENT =
            List.of(kv("state", 300), kv("conn/1", 100), kv("conn/2", 100), kv("conn/3", 100), kv("other", 50));
    private static final PreloadManifest MANIFEST = PreloadManifest.newBuilder()
            .setActorName("counter")
            .setGetKeys(List.of(bytes("state"), bytes("missing")))
            .setPrefixes(List.of(PrefixRequest.newBuilder()
                    .setPrefix(bytes("conn/"))
                    .setMaxBytes(250)
                    .setPartial(true)
                    .build()))
            .setMaxTotalBytes(10_000)
            .build();

    @TempDir
    Path dir;

    private List<StartActorCommand> run(long budget, ActorStartRequested request) {
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(dir.resolve("store"))) {
            new ActorKvWriter(store).put(request.getActorId(), CONTENT);
            Map<String, Object> settings = TopologyFixture.settings();
            settings.put(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, Long.toString(budget));
            PreloadTopologyConfig config = new PreloadTopologyConfig(settings);
            Preloader preloader = new Preloader(store, new PreloadSettings(budget, Duration.ofSeconds(5)));
            try (TopologyTestDriver driver = new TopologyTestDriver(
                    PreloadTopology.build(config, preloader::preload, topic -> RunnerTopics.Lookup.exists(1024 * 1024)),
                    config.streamsProperties())) {
                driver.createInputTopic(
                                "actor-preload-manifests",
                                new StringSerializer(),
                                TopologyFixture.serde(PreloadManifest.class, config)
                                        .serializer())
                        .pipeInput("counter", MANIFEST);
                driver.createInputTopic(
                                "actor-start-requests",
                                new StringSerializer(),
                                TopologyFixture.serde(ActorStartRequested.class, config)
                                        .serializer())
                        .pipeInput(request.getActorId(), request);
                return driver.createOutputTopic(
                                "runner." + request.getRunnerId() + ".commands",
                                new StringDeserializer(),
                                TopologyFixture.serde(StartActorCommand.class, config)
                                        .deserializer())
                        .readValuesToList();
            }
        }
    }

    @Test
    void shouldSendWhatTheReferenceModelPreloadsFromTheStore() {
        ActorStartRequested request = request("a1", "counter", "r1");
        List<StartActorCommand> commands = run(1024 * 1024, request);

        assertThat(commands).hasSize(1);
        StartActorCommand command = commands.get(0);
        assertThat(command.getPreloadStatus()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(ReferencePreloadModel.withoutReadVersion(command.getPreloadedKv()))
                .isEqualTo(ReferencePreloadModel.expected(CONTENT, MANIFEST, 1024 * 1024));
        assertThat(command.getPreloadedKv().getRequestedPrefixes().get(0).getComplete())
                .isFalse();
    }

    @Test
    void shouldSendDisabledWhenTheGlobalBudgetIsZero() {
        ActorStartRequested request = request("a1", "counter", "r1");

        assertThat(run(0, request)).containsExactly(expectedCommand(request, PreloadStatus.DISABLED, null));
    }

    private static KvRecord kv(String key, int valueSize) {
        return new KvRecord(
                key.getBytes(StandardCharsets.UTF_8),
                new byte[valueSize],
                new byte[] {1, 2},
                Instant.ofEpochMilli(1_700_000_000_000L));
    }
}
