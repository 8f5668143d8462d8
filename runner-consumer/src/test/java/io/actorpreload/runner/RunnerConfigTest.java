package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunnerConfigTest {
    @Test
    void shouldHaveDocumentedDefaults() {
        RunnerConfig config =
                RunnerConfig.builder("r1", "127.0.0.1:9092", "mock://x").build();
        assertThat(config.commandTopic()).isEqualTo("runner.r1.commands");
        assertThat(config.topicPartitions()).isEqualTo(1);
        assertThat(config.topicReplicationFactor()).isEmpty();
        assertThat(config.maxMessageBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.groupId()).isEqualTo("runner-r1");
        assertThat(config.maxPreloadAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.dedupCapacity()).isEqualTo(10_000);
        assertThat(config.deadLetterTopic()).isEqualTo("runner.r1.commands.dlq");
        assertThat(config.deadLetterMaxMessageBytes()).isEqualTo(2 * 1024 * 1024 + 64 * 1024);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxHandlerAttempts()).isEqualTo(5);
        assertThat(config.unknownSchemaTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.groupInstanceId()).isEqualTo("r1");
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.offsetCommits()).isEqualTo(OffsetCommits.EACH_COMMAND);
    }

    @Test
    void shouldLetTheMaxBackoffFollowALongerBackoffUnlessGiven() {
        assertThat(RunnerConfig.builder("r1", "b:1", "mock://x")
                        .retryBackoff(Duration.ofSeconds(30))
                        .build()
                        .maxRetryBackoff())
                .isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RunnerConfig.builder("r1", "b:1", "mock://x")
                        .retryBackoff(Duration.ofSeconds(30))
                        .maxRetryBackoff(Duration.ofSeconds(5))
                        .build())
                .hasMessage("maxRetryBackoff must not be shorter than retryBackoff. Got: PT5S < PT30S");
    }

    @Test
    void shouldLetTheInstanceIdBeOverridden() {
        assertThat(RunnerConfig.builder("r1", "b:1", "mock://x")
                        .groupInstanceId("r1-b")
                        .build()
                        .groupInstanceId())
                .isEqualTo("r1-b");
    }

    @Test
    void shouldNameTheTopicWithTheConfiguredPrefixAndSuffix() {
        RunnerConfig config = RunnerConfig.builder("r1", "b:1", "mock://x")
                .commandTopicPattern("prod.runner-{runnerId}")
                .build();
        assertThat(config.commandTopic()).isEqualTo("prod.runner-r1");
    }

    @Test
    void shouldRejectBadValuesNamingThem() {
        RunnerConfig.Builder builder = RunnerConfig.builder("r1", "b:1", "mock://x");
        assertThatThrownBy(() -> builder.topicPartitions(0)).hasMessage("topicPartitions must be at least 1. Got: 0");
        assertThatThrownBy(() -> builder.maxPreloadAge(Duration.ZERO)).hasMessageContaining("maxPreloadAge");
        assertThatThrownBy(() -> builder.maxHandlerAttempts(0))
                .hasMessage("maxHandlerAttempts must be at least 1. Got: 0");
        assertThatThrownBy(() -> builder.groupInstanceId(" ")).hasMessageContaining("groupInstanceId");
        assertThatThrownBy(() -> builder.offsetCommits(null)).hasMessageContaining("offsetCommits");
        assertThatThrownBy(() -> RunnerConfig.builder("r 1", "b:1", "mock://x")).hasMessageContaining("'r 1'");
        assertThatThrownBy(() -> RunnerConfig.builder("r1", " ", "mock://x")).hasMessageContaining("bootstrapServers");
    }

    @Test
    void shouldKeepStartupReportsOffUnlessTurnedOn() {
        RunnerConfig defaults = RunnerConfig.builder("r1", "b:1", "mock://x").build();
        RunnerConfig on = RunnerConfig.builder("r1", "b:1", "mock://x")
                .startupReports(true)
                .startupReportsTopic("reports")
                .startupReportsBuffer(5)
                .build();

        assertThat(defaults.startupReports()).isFalse();
        assertThat(defaults.startupReportsTopic())
                .isEqualTo(io.actorpreload.schemas.contract.PipelineTopics.START_REPORTS);
        assertThat(defaults.startupReportsBuffer()).isEqualTo(10_000);
        assertThat(on.startupReports()).isTrue();
        assertThat(on.startupReportsTopic()).isEqualTo("reports");
        assertThat(on.startupReportsBuffer()).isEqualTo(5);
        assertThatThrownBy(() -> RunnerConfig.builder("r1", "b:1", "mock://x").startupReportsTopic("bad topic"))
                .hasMessageContaining("startupReportsTopic");
        assertThatThrownBy(() -> RunnerConfig.builder("r1", "b:1", "mock://x").startupReportsBuffer(0))
                .hasMessageContaining("startupReportsBuffer");
    }
}
