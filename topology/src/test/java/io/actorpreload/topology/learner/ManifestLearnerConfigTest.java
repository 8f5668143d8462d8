package io.actorpreload.topology.learner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.schemas.contract.PipelineTopics;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ManifestLearnerConfigTest {

    @Test
    void shouldDefaultToThePipelineTopicsAndTheLearnerDefaults() {
        ManifestLearnerConfig config = new ManifestLearnerConfig(Map.of(ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://config"));

        assertThat(config.getString(ManifestLearnerConfig.REPORTS_TOPIC_CONFIG)).isEqualTo(PipelineTopics.START_REPORTS);
        assertThat(config.getString(ManifestLearnerConfig.MANIFESTS_TOPIC_CONFIG)).isEqualTo(PipelineTopics.MANIFESTS);
        assertThat(config.learnerSettings()).isEqualTo(LearnerSettings.defaults());
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "actor-preload-learner")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void shouldRefuseMoreMinimumStartsThanTheWindowHolds() {
        assertThatThrownBy(() -> new ManifestLearnerConfig(Map.of(ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://config", ManifestLearnerConfig.WINDOW_STARTS_CONFIG, 10, ManifestLearnerConfig.MIN_STARTS_CONFIG, 11)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ManifestLearnerConfig.MIN_STARTS_CONFIG);
    }
}
