package io.actorpreload.learner;

import static io.actorpreload.learner.Samples.buffer;
import static io.actorpreload.learner.Samples.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The learner topology driven by {@link TopologyTestDriver}: reports in, learned manifests out, who wins. */
class ManifestLearnerTopologyTest {
    private ManifestLearnerConfig config;
    private LearnerStatus status;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ActorStartReport> reports;
    private TestInputTopic<String, PreloadManifest> manifestsIn;
    private TestOutputTopic<String, PreloadManifest> manifestsOut;

    @BeforeEach
    void setUp() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        settings.put(ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + UUID.randomUUID());
        settings.put(ManifestLearnerConfig.STREAMS_PREFIX + "processing.guarantee", "at_least_once");
        settings.put(ManifestLearnerConfig.GLOBAL_BUDGET_BYTES_CONFIG, 64 * 1024L);
        config = new ManifestLearnerConfig(settings);
        status = new LearnerStatus();
        driver = new TopologyTestDriver(ManifestLearnerTopology.build(config, status), config.streamsProperties());
        reports = driver.createInputTopic(
                PipelineTopics.START_REPORTS,
                new StringSerializer(),
                serde(ActorStartReport.class).serializer());
        manifestsIn = driver.createInputTopic(
                PipelineTopics.MANIFESTS,
                new StringSerializer(),
                serde(PreloadManifest.class).serializer());
        manifestsOut = driver.createOutputTopic(
                PipelineTopics.MANIFESTS,
                new StringDeserializer(),
                serde(PreloadManifest.class).deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(config.serdeConfigs(), false);
        return serde;
    }

    private void report(String actorName, int starts) {
        for (int i = 0; i < starts; i++) {
            reports.pipeInput(
                    actorName,
                    start().get("A", 100).get("B", 40).list("P/", 3000).report(actorName, "actor-" + i));
        }
    }

    private static PreloadManifest declared(String actorName, Boolean learn) {
        return PreloadManifest.newBuilder()
                .setActorName(actorName)
                .setGetKeys(List.of(buffer("X")))
                .setPrefixes(List.of())
                .setMaxTotalBytes(1024)
                .setLearn(learn)
                .build();
    }

    @Test
    void shouldPublishALearnedManifestForATypeWithoutOneAfterTheMinimumStarts() {
        report("chat", 19);
        assertThat(manifestsOut.isEmpty()).isTrue();

        report("chat", 1);

        List<KeyValue<String, PreloadManifest>> out = manifestsOut.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("chat");
        PreloadManifest manifest = out.get(0).value;
        assertThat(manifest.getGetKeys()).containsExactlyInAnyOrder(buffer("A"), buffer("B"));
        assertThat(manifest.getPrefixes()).containsExactly(new PrefixRequest(buffer("P/"), 4096L, false));
        assertThat(manifest.getLearnedVersion()).isEqualTo(1);
        assertThat(manifest.getLearn()).isTrue();
        assertThat(status.snapshot().get("chat").lastPublished()).isEqualTo(1);
        assertThat(status.snapshot().get("chat").roundTripsPerStart()).isEqualTo(3.0);
    }

    @Test
    void shouldNotRepublishWhileTheStartsReadTheSame() {
        report("chat", 300);

        assertThat(manifestsOut.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldNeverPublishOverADeclaredManifestNotMarkedLearn() {
        manifestsIn.pipeInput("chat", declared("chat", null));
        manifestsIn.pipeInput("other", declared("other", false));

        report("chat", 200);
        report("other", 200);

        assertThat(manifestsOut.readValuesToList()).isEmpty();
        assertThat(status.snapshot().get("chat").origin()).isEqualTo("declared");
    }

    @Test
    void shouldReplaceADeclaredManifestMarkedLearn() {
        manifestsIn.pipeInput("chat", declared("chat", true));

        report("chat", 20);

        assertThat(manifestsOut.readValuesToList())
                .singleElement()
                .satisfies(m -> assertThat(m.getGetKeys()).containsExactlyInAnyOrder(buffer("A"), buffer("B")));
    }

    @Test
    void shouldStopLearningATypeOnceItsRunnersDeclareAManifest() {
        report("chat", 20);
        assertThat(manifestsOut.readValuesToList()).hasSize(1);

        manifestsIn.pipeInput("chat", declared("chat", null));
        for (int i = 0; i < 100; i++) {
            reports.pipeInput("chat", start().get("C", 10).report("chat", "actor-" + i));
        }

        assertThat(manifestsOut.readValuesToList()).isEmpty();
    }

    @Test
    void shouldLearnEachTypeOnItsOwn() {
        report("chat", 20);
        for (int i = 0; i < 20; i++) {
            reports.pipeInput("doc", start().get("D", 10).report("doc", "actor-" + i));
        }

        assertThat(manifestsOut.readKeyValuesToList())
                .extracting(kv -> kv.key, kv -> kv.value.getGetKeys().size())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("chat", 2), org.assertj.core.groups.Tuple.tuple("doc", 1));
    }
}
