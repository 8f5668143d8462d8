package io.actorpreload.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.contract.RunnerGroupNaming;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Runner ids drawn so that one is often a prefix of the other ({@code 1} and {@code 10}, {@code a}
 * and {@code a.dlq}): no binding of one runner ever matches a topic or group of another (Kafka's
 * LITERAL and PREFIXED matching), and the topology never gets READ of any runner topic. Names drawn
 * from a small alphabet, so that they often prefix each other: either the names are refused, or no
 * PREFIXED grant of any role reaches a pipeline topic or another application's resources.
 */
class AccessControlProperties {
    private static final PipelineNames NAMES = PipelineNames.defaults();

    @Property(tries = 500)
    void shouldNeverGrantOneRunnerAnythingOfAnother(
            @ForAll("runnerIds") String mine, @ForAll("runnerIds") String other) {
        Assume.that(!mine.equals(other));
        List<AclBinding> bindings = AccessControl.bindings("User:runner-" + mine, PipelineRole.Runner.of(mine), NAMES);
        assertThat(bindings).allMatch(b -> b.pattern().patternType() == PatternType.LITERAL);
        for (AclBinding binding : bindings) {
            ResourceType type = binding.pattern().resourceType();
            if (type == ResourceType.TOPIC) {
                assertThat(AccessControlTest.matches(
                                binding, NAMES.runnerTopics().commandTopicOf(other)))
                        .isFalse();
                assertThat(AccessControlTest.matches(
                                binding, NAMES.runnerTopics().deadLetterTopicOf(other)))
                        .isFalse();
            } else {
                assertThat(type).isEqualTo(ResourceType.GROUP);
                assertThat(AccessControlTest.matches(binding, RunnerGroupNaming.defaultGroupOf(other)))
                        .isFalse();
            }
        }
    }

    @Property(tries = 200)
    void shouldNeverLetTheTopologyReadARunnerTopic(
            @ForAll("runnerIds") String runner, @ForAll("applicationIds") String appId) {
        List<AclBinding> bindings;
        try {
            bindings = AccessControl.bindings(
                    "User:topology", new PipelineRole.Topology(), NAMES.withApplicationIds(appId, "learner"));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).containsAnyOf("overlap", "covers");
            return; // an application.id whose internal topics overlap another resource is refused, never granted
        }
        for (String topic : List.of(
                NAMES.runnerTopics().commandTopicOf(runner),
                NAMES.runnerTopics().deadLetterTopicOf(runner))) {
            assertThat(bindings)
                    .noneMatch(b -> b.pattern().resourceType() == ResourceType.TOPIC
                            && b.entry().operation() == AclOperation.READ
                            && AccessControlTest.matches(b, topic));
        }
    }

    @Property(tries = 1000)
    void shouldNeverLetAPrefixedGrantReachAPipelineTopicOrAnotherApplication(
            @ForAll("names") PipelineNames names, @ForAll("runnerIds") String runner) {
        Map<PipelineRole, List<AclBinding>> granted = new LinkedHashMap<>();
        try {
            for (PipelineRole role : List.of(
                    new PipelineRole.Topology(),
                    new PipelineRole.Learner(),
                    PipelineRole.Runner.of(runner),
                    new PipelineRole.ManifestPublisher(),
                    new PipelineRole.Orchestrator())) {
                granted.put(role, AccessControl.bindings("User:x", role, names));
            }
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).containsAnyOf("covers", "overlap", "starts with the runner id");
            return;
        }
        String topology = names.topologyApplicationId();
        String learner = names.learnerApplicationId();
        // Resources the topology's own grants must never reach, and the learner's.
        List<String> notTopologys = List.of(
                names.startRequests(),
                names.manifests(),
                names.startReports(),
                learner + "-learner-windows-changelog",
                learner + "-0_0");
        List<String> notLearners = List.of(
                names.startRequests(),
                names.deadLetters(),
                names.runnerTopics().commandTopicOf(runner),
                topology + "-actor-preload-in-flight-changelog",
                topology + "-0_0");
        assertThat(prefixed(granted.get(new PipelineRole.Topology())))
                .as("%s", names)
                .noneMatch(b -> notTopologys.stream().anyMatch(name -> AccessControlTest.matches(b, name)));
        assertThat(prefixed(granted.get(new PipelineRole.Learner())))
                .as("%s", names)
                .noneMatch(b -> notLearners.stream().anyMatch(name -> AccessControlTest.matches(b, name)));
        for (List<AclBinding> bindings : granted.values()) {
            assertThat(prefixed(bindings))
                    .noneMatch(b -> b.pattern().resourceType() == ResourceType.TOPIC
                            && (AccessControlTest.matches(b, names.startRequests())
                                    || AccessControlTest.matches(b, names.manifests())));
        }
    }

    private static List<AclBinding> prefixed(List<AclBinding> bindings) {
        return bindings.stream()
                .filter(b -> b.pattern().patternType() == PatternType.PREFIXED)
                .toList();
    }

    /** Topic names and application ids from one small alphabet, so that one often prefixes another. */
    @Provide
    Arbitrary<PipelineNames> names() {
        Arbitrary<String> name = Arbitraries.strings()
                .withChars("ab-.")
                .ofMinLength(1)
                .ofMaxLength(5)
                .filter(n -> !n.equals(".") && !n.equals(".."));
        Arbitrary<RunnerTopicNaming> runnerTopics = Combinators.combine(name, Arbitraries.of("", ".c", "-c"))
                .as((prefix, suffix) ->
                        new RunnerTopicNaming(prefix + RunnerTopicNaming.RUNNER_ID_PLACEHOLDER + suffix));
        return Combinators.combine(name, name, name, runnerTopics, name, name, name)
                .as((requests, manifests, deadLetters, runners, reports, topology, learner) ->
                        new PipelineNames(requests, manifests, deadLetters, runners, reports, topology, learner));
    }

    @Provide
    Arbitrary<String> runnerIds() {
        Arbitrary<String> base = Arbitraries.strings()
                .withChars("ab1-_.")
                .ofMinLength(1)
                .ofMaxLength(4)
                .filter(id -> !id.equals(".") && !id.equals(".."));
        // Ids starting with '-' meet an internal-topic prefix such as "runner.-" (application.id "runner.").
        return Arbitraries.oneOf(
                base,
                base.map(id -> id + "0"),
                base.map(id -> id + ".commands"),
                base.map(id -> id + ".dlq"),
                base.map(id -> "-" + id),
                Arbitraries.of("1", "10", "1.commands"));
    }

    @Provide
    Arbitrary<String> applicationIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("actor-preload", "runner", "runner.", "app"),
                Arbitraries.strings()
                        .withChars("arn1-.")
                        .ofMinLength(1)
                        .ofMaxLength(6)
                        .filter(id -> !id.equals(".") && !id.equals("..")));
    }
}
