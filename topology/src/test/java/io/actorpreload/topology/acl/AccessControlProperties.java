package io.actorpreload.topology.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.contract.RunnerGroupNaming;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
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
 * LITERAL and PREFIXED matching), and the topology never gets READ of any runner topic.
 */
class AccessControlProperties {
    private static final PipelineNames NAMES = PipelineNames.defaults();

    @Property(tries = 500)
    void shouldNeverGrantOneRunnerAnythingOfAnother(@ForAll("runnerIds") String mine, @ForAll("runnerIds") String other) {
        Assume.that(!mine.equals(other));
        List<AclBinding> bindings = AccessControl.bindings("User:runner-" + mine, PipelineRole.Runner.of(mine), NAMES);
        assertThat(bindings).allMatch(b -> b.pattern().patternType() == PatternType.LITERAL);
        for (AclBinding binding : bindings) {
            ResourceType type = binding.pattern().resourceType();
            if (type == ResourceType.TOPIC) {
                assertThat(AccessControlTest.matches(binding, NAMES.runnerTopics().commandTopicOf(other))).isFalse();
                assertThat(AccessControlTest.matches(binding, NAMES.runnerTopics().deadLetterTopicOf(other))).isFalse();
            } else {
                assertThat(type).isEqualTo(ResourceType.GROUP);
                assertThat(AccessControlTest.matches(binding, RunnerGroupNaming.defaultGroupOf(other))).isFalse();
            }
        }
    }

    @Property(tries = 200)
    void shouldNeverLetTheTopologyReadARunnerTopic(@ForAll("runnerIds") String runner, @ForAll("applicationIds") String appId) {
        List<AclBinding> bindings;
        try {
            bindings = AccessControl.bindings("User:topology", new PipelineRole.Topology(appId), NAMES);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("overlap");
            return; // an application.id whose internal topics overlap the runner topics is refused, never granted
        }
        for (String topic : List.of(NAMES.runnerTopics().commandTopicOf(runner), NAMES.runnerTopics().deadLetterTopicOf(runner))) {
            assertThat(bindings).noneMatch(b -> b.pattern().resourceType() == ResourceType.TOPIC
                    && b.entry().operation() == AclOperation.READ && AccessControlTest.matches(b, topic));
        }
    }

    @Provide
    Arbitrary<String> runnerIds() {
        Arbitrary<String> base = Arbitraries.strings().withChars("ab1-_.").ofMinLength(1).ofMaxLength(4)
                .filter(id -> !id.equals(".") && !id.equals(".."));
        // Ids starting with '-' meet an internal-topic prefix such as "runner.-" (application.id "runner.").
        return Arbitraries.oneOf(base, base.map(id -> id + "0"), base.map(id -> id + ".commands"),
                base.map(id -> id + ".dlq"), base.map(id -> "-" + id), Arbitraries.of("1", "10", "1.commands"));
    }

    @Provide
    Arbitrary<String> applicationIds() {
        return Arbitraries.oneOf(Arbitraries.of("actor-preload", "runner", "runner.", "app"),
                Arbitraries.strings().withChars("arn1-.").ofMinLength(1).ofMaxLength(6)
                        .filter(id -> !id.equals(".") && !id.equals("..")));
    }
}
