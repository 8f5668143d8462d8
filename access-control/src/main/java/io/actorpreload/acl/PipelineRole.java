package io.actorpreload.acl;

import io.actorpreload.schemas.contract.RunnerGroupNaming;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.util.Objects;

/**
 * A party of the pipeline that gets its own principal and exactly the ACLs its clients need
 * ({@link AccessControl#bindings}): a runner, the topology, a manifest publisher, the orchestrator or the
 * manifest learner. Immutable.
 */
public sealed interface PipelineRole {
    /**
     * The runner {@code runnerId}, consuming its command topic as {@code groupId}.
     *
     * @param groupId        the runner's consumer group; {@link RunnerGroupNaming#defaultGroupOf} unless the runner
     *                       configures another
     * @param startupReports whether the runner sends start-up reports (RunnerConfig startupReports), so it
     *                       writes the report topic
     */
    record Runner(String runnerId, String groupId, boolean startupReports) implements PipelineRole {
        public Runner {
            Objects.requireNonNull(runnerId, "runnerId");
            Objects.requireNonNull(groupId, "groupId");
            RunnerTopicNaming.illegalReason(runnerId).ifPresent(reason -> {
                throw new IllegalArgumentException(
                        "runnerId '" + runnerId + "' cannot be part of a topic name: " + reason);
            });
            if (groupId.isBlank() || groupId.contains("*")) {
                throw new IllegalArgumentException(
                        "groupId must be a group name, not blank nor a wildcard. Got: '" + groupId + "'");
            }
        }

        /** A runner that sends no start-up reports. */
        public Runner(String runnerId, String groupId) {
            this(runnerId, groupId, false);
        }

        /** The runner with its default group, sending no start-up reports. */
        public static Runner of(String runnerId) {
            return new Runner(runnerId, RunnerGroupNaming.defaultGroupOf(runnerId));
        }

        /** The same runner, sending start-up reports. */
        public Runner withStartupReports() {
            return new Runner(runnerId, groupId, true);
        }
    }

    /** The preload topology, a Kafka Streams application ({@link PipelineNames#topologyApplicationId()}). */
    record Topology() implements PipelineRole {}

    /** A runner library's {@code ManifestPublisher}. */
    record ManifestPublisher() implements PipelineRole {}

    /** The orchestrator, which writes start requests. */
    record Orchestrator() implements PipelineRole {}

    /** The manifest learner, a Kafka Streams application ({@link PipelineNames#learnerApplicationId()}). */
    record Learner() implements PipelineRole {}
}
