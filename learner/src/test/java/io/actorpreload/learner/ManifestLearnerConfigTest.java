package io.actorpreload.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.topology.ConfigSources;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ManifestLearnerConfigTest {
    private static final Path SAMPLE =
            Path.of("..", "distribution", "src", "main", "dist", "config", "actor-preload-learner.properties");

    @Test
    void shouldParseTheShippedSampleWithEveryKeyAtItsDefault() throws Exception {
        ManifestLearnerConfig config = new ManifestLearnerConfig(ConfigSources.load(SAMPLE, Map.of()));
        Properties sample = new Properties();
        try (Reader reader = Files.newBufferedReader(SAMPLE)) {
            sample.load(reader);
        }

        assertThat(config.learnerSettings()).isEqualTo(LearnerSettings.defaults());
        assertThat(sample.stringPropertyNames())
                .containsAll(ManifestLearnerConfig.configDef().names().stream()
                        .filter(name -> !name.startsWith("basic.auth") && !name.startsWith("schema.registry.")
                                || name.equals(ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG))
                        .toList());
    }

    @Test
    void shouldDefaultToThePipelineTopicsAndTheLearnerDefaults() {
        ManifestLearnerConfig config = new ManifestLearnerConfig(Map.of(
                ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:9",
                ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG,
                "mock://config"));

        assertThat(config.getString(ManifestLearnerConfig.REPORTS_TOPIC_CONFIG))
                .isEqualTo(PipelineTopics.START_REPORTS);
        assertThat(config.getString(ManifestLearnerConfig.MANIFESTS_TOPIC_CONFIG))
                .isEqualTo(PipelineTopics.MANIFESTS);
        assertThat(config.learnerSettings()).isEqualTo(LearnerSettings.defaults());
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "actor-preload-learner")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldRefuseMoreMinimumStartsThanTheWindowHolds() {
        assertThatThrownBy(() -> new ManifestLearnerConfig(Map.of(
                        ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "127.0.0.1:9",
                        ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG,
                        "mock://config",
                        ManifestLearnerConfig.WINDOW_STARTS_CONFIG,
                        10,
                        ManifestLearnerConfig.MIN_STARTS_CONFIG,
                        11)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ManifestLearnerConfig.MIN_STARTS_CONFIG);
    }
}
