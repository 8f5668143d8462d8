package io.actorpreload.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.api.Test;

/** Each role gets exactly its listed bindings, in the order {@link AccessControl} documents. */
class AccessControlTest {
    private static final PipelineNames DEFAULTS = PipelineNames.defaults();

    @Test
    void shouldGrantARunnerItsOwnTopicsAndGroupOnlyLiterally() {
        assertThat(lines("User:runner-1", PipelineRole.Runner.of("1")))
                .containsExactly(
                        "User:runner-1 ALLOW READ on TOPIC runner.1.commands (LITERAL) from *",
                        "User:runner-1 ALLOW DESCRIBE on TOPIC runner.1.commands (LITERAL) from *",
                        "User:runner-1 ALLOW CREATE on TOPIC runner.1.commands (LITERAL) from *",
                        "User:runner-1 ALLOW DESCRIBE_CONFIGS on TOPIC runner.1.commands (LITERAL) from *",
                        "User:runner-1 ALLOW READ on TOPIC runner.1.commands.dlq (LITERAL) from *",
                        "User:runner-1 ALLOW WRITE on TOPIC runner.1.commands.dlq (LITERAL) from *",
                        "User:runner-1 ALLOW DESCRIBE on TOPIC runner.1.commands.dlq (LITERAL) from *",
                        "User:runner-1 ALLOW CREATE on TOPIC runner.1.commands.dlq (LITERAL) from *",
                        "User:runner-1 ALLOW DESCRIBE_CONFIGS on TOPIC runner.1.commands.dlq (LITERAL) from *",
                        "User:runner-1 ALLOW READ on GROUP runner-1 (LITERAL) from *");
    }

    @Test
    void shouldGrantARunnerItsConfiguredGroup() {
        assertThat(lines("User:r", new PipelineRole.Runner("7", "fleet-a-7")))
                .contains("User:r ALLOW READ on GROUP fleet-a-7 (LITERAL) from *")
                .noneMatch(line -> line.contains("runner-7"));
    }

    @Test
    void shouldGrantTheTopologyItsInputsItsOutputsByPrefixAndItsStreamsResourcesButNoReadOfRunnerTopics() {
        assertThat(lines("User:topology", new PipelineRole.Topology()))
                .containsExactly(
                        "User:topology ALLOW READ on TOPIC actor-start-requests (LITERAL) from *",
                        "User:topology ALLOW DESCRIBE on TOPIC actor-start-requests (LITERAL) from *",
                        "User:topology ALLOW READ on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:topology ALLOW DESCRIBE on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:topology ALLOW WRITE on TOPIC actor-start-requests.dlq (LITERAL) from *",
                        "User:topology ALLOW DESCRIBE on TOPIC actor-start-requests.dlq (LITERAL) from *",
                        "User:topology ALLOW DESCRIBE_CONFIGS on TOPIC actor-start-requests.dlq (LITERAL) from *",
                        "User:topology ALLOW WRITE on TOPIC runner. (PREFIXED) from *",
                        "User:topology ALLOW DESCRIBE on TOPIC runner. (PREFIXED) from *",
                        "User:topology ALLOW DESCRIBE_CONFIGS on TOPIC runner. (PREFIXED) from *",
                        "User:topology ALLOW READ on GROUP actor-preload-topology (LITERAL) from *",
                        "User:topology ALLOW CREATE on TOPIC actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW READ on TOPIC actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW WRITE on TOPIC actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW DESCRIBE on TOPIC actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW DESCRIBE_CONFIGS on TOPIC actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW WRITE on TRANSACTIONAL_ID actor-preload-topology- (PREFIXED) from *",
                        "User:topology ALLOW DESCRIBE on TRANSACTIONAL_ID actor-preload-topology- (PREFIXED) from *");
    }

    @Test
    void shouldGrantARunnerThatSendsStartupReportsWriteOfTheReportTopicToo() {
        List<String> plain = lines("User:runner-1", PipelineRole.Runner.of("1"));
        List<String> reporting =
                lines("User:runner-1", PipelineRole.Runner.of("1").withStartupReports());

        assertThat(reporting)
                .containsAll(plain)
                .hasSize(plain.size() + 2)
                .contains(
                        "User:runner-1 ALLOW WRITE on TOPIC actor-start-reports (LITERAL) from *",
                        "User:runner-1 ALLOW DESCRIBE on TOPIC actor-start-reports (LITERAL) from *");
        assertThat(plain).noneMatch(line -> line.contains("actor-start-reports"));
    }

    @Test
    void shouldGrantTheLearnerItsReportsTheManifestTopicAndItsStreamsResourcesOnly() {
        assertThat(lines("User:learner", new PipelineRole.Learner()))
                .containsExactly(
                        "User:learner ALLOW READ on TOPIC actor-start-reports (LITERAL) from *",
                        "User:learner ALLOW DESCRIBE on TOPIC actor-start-reports (LITERAL) from *",
                        "User:learner ALLOW READ on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:learner ALLOW WRITE on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:learner ALLOW DESCRIBE on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:learner ALLOW READ on GROUP actor-preload-learner (LITERAL) from *",
                        "User:learner ALLOW CREATE on TOPIC actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW READ on TOPIC actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW WRITE on TOPIC actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW DESCRIBE on TOPIC actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW DESCRIBE_CONFIGS on TOPIC actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW WRITE on TRANSACTIONAL_ID actor-preload-learner- (PREFIXED) from *",
                        "User:learner ALLOW DESCRIBE on TRANSACTIONAL_ID actor-preload-learner- (PREFIXED) from *");
    }

    @Test
    void shouldRefuseALearnerWhoseInternalTopicsWouldCoverRunnerTopics() {
        PipelineNames underLearner = new PipelineNames(
                        "in", "m", "in.dlq", new RunnerTopicNaming("learner-runner.{runnerId}"))
                .withApplicationIds("app", "learner");
        assertThatThrownBy(() -> AccessControl.bindings("User:learner", new PipelineRole.Learner(), underLearner))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap")
                .hasMessageContaining("learner-runner.")
                .hasMessageContaining("learner-");
    }

    /**
     * With the defaults of the releases before, application.id actor-preload: the topology's prefix
     * actor-preload- covered the manifest topic and the learner's prefix actor-preload-learner-.
     */
    @Test
    void shouldRefuseAnInternalPrefixThatCoversAPipelineTopicOrAnotherApplicationWhateverTheRole() {
        PipelineNames oldDefaults = DEFAULTS.withApplicationIds("actor-preload", "actor-preload-learner");
        for (PipelineRole role : List.of(
                new PipelineRole.Topology(),
                new PipelineRole.Learner(),
                PipelineRole.Runner.of("1"),
                new PipelineRole.ManifestPublisher(),
                new PipelineRole.Orchestrator())) {
            assertThatThrownBy(() -> AccessControl.bindings("User:x", role, oldDefaults))
                    .as(role.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("actor-preload-")
                    .hasMessageContaining("the manifest topic actor-preload-manifests");
        }
        PipelineNames learnerUnderTopology = DEFAULTS.withApplicationIds("app", "app-learner");
        assertThatThrownBy(() -> AccessControl.bindings("User:t", new PipelineRole.Topology(), learnerUnderTopology))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app-")
                .hasMessageContaining("app-learner-")
                .hasMessageContaining("overlap");
        PipelineNames runnersUnderStartRequests = new PipelineNames(
                "actor-start-requests", "m", "dlq", new RunnerTopicNaming("actor-{runnerId}.commands"));
        assertThatThrownBy(
                        () -> AccessControl.bindings("User:t", new PipelineRole.Topology(), runnersUnderStartRequests))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the start-request topic actor-start-requests")
                .hasMessageContaining("actor-");
    }

    @Test
    void shouldAcceptTheDefaults() {
        AccessControl.requireConfined(DEFAULTS);
        assertThat(DEFAULTS.topologyApplicationId()).isEqualTo(PreloadTopologyConfig.DEFAULT_APPLICATION_ID);
        assertThat(DEFAULTS.learnerApplicationId()).isEqualTo(ManifestLearnerConfig.DEFAULT_APPLICATION_ID);
    }

    @Test
    void shouldGrantThePublisherWriteOfTheManifestTopicOnly() {
        assertThat(lines("User:publisher", new PipelineRole.ManifestPublisher()))
                .containsExactly(
                        "User:publisher ALLOW WRITE on TOPIC actor-preload-manifests (LITERAL) from *",
                        "User:publisher ALLOW DESCRIBE on TOPIC actor-preload-manifests (LITERAL) from *");
    }

    @Test
    void shouldGrantTheOrchestratorWriteOfTheStartRequestTopicOnly() {
        assertThat(lines("User:orchestrator", new PipelineRole.Orchestrator()))
                .containsExactly(
                        "User:orchestrator ALLOW WRITE on TOPIC actor-start-requests (LITERAL) from *",
                        "User:orchestrator ALLOW DESCRIBE on TOPIC actor-start-requests (LITERAL) from *");
    }

    @Test
    void shouldFollowConfiguredNames() {
        PipelineNames names = new PipelineNames("in", "manifests", "in.dlq", new RunnerTopicNaming("fleet-{runnerId}"))
                .withApplicationIds("app", "learner");
        List<String> runner = AccessControl.bindings("User:r", PipelineRole.Runner.of("a"), names).stream()
                .map(b -> b.pattern().name())
                .distinct()
                .toList();
        assertThat(runner).containsExactly("fleet-a", "fleet-a.dlq", "runner-a");
        assertThat(AccessControl.bindings("User:t", new PipelineRole.Topology(), names).stream()
                        .map(b -> b.pattern().name())
                        .distinct()
                        .toList())
                .containsExactly("in", "manifests", "in.dlq", "fleet-", "app", "app-");
    }

    @Test
    void shouldRefuseNamesThatCannotConfineTheTopology() {
        PipelineNames runnerIdFirst =
                new PipelineNames("in", "m", "in.dlq", new RunnerTopicNaming("{runnerId}.commands"));
        assertThatThrownBy(() -> AccessControl.bindings("User:t", new PipelineRole.Topology(), runnerIdFirst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with the runner id");
        PipelineNames underAppId = new PipelineNames(
                        "in", "m", "in.dlq", new RunnerTopicNaming("app-runner.{runnerId}"))
                .withApplicationIds("app", "learner");
        assertThatThrownBy(() -> AccessControl.bindings("User:t", new PipelineRole.Topology(), underAppId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> AccessControl.bindings(
                        "User:t", new PipelineRole.Topology(), DEFAULTS.withApplicationIds("runner.", "learner")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void shouldRefuseAPrincipalThatIsNotOne() {
        assertThatThrownBy(() -> AccessControl.bindings("runner-1", PipelineRole.Runner.of("1"), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("User:runner-1");
        assertThatThrownBy(() -> AccessControl.bindings("User:*", PipelineRole.Runner.of("1"), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not to every one");
        assertThatThrownBy(() -> PipelineRole.Runner.of("a/b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a/b");
    }

    private static List<String> lines(String principal, PipelineRole role) {
        return AccessControl.bindings(principal, role, DEFAULTS).stream()
                .map(AccessControl::describe)
                .collect(Collectors.toList());
    }

    static boolean matches(AclBinding binding, String name) {
        String pattern = binding.pattern().name();
        return switch (binding.pattern().patternType()) {
            case LITERAL -> pattern.equals(name) || pattern.equals("*");
            case PREFIXED -> name.startsWith(pattern);
            default -> throw new IllegalArgumentException("unexpected pattern type " + binding.pattern());
        };
    }
}
