package io.actorpreload.acl;

import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.util.Objects;

/**
 * The names ACLs are about: the shared topics, the runner topic naming, and the application ids of
 * the topology and the learner (each one's group and the prefix of its internal topics and
 * transactional ids). Immutable.
 *
 * @param startRequests          the start-request topic
 * @param manifests              the manifest topic
 * @param deadLetters            the topology's dead-letter topic
 * @param runnerTopics           how runner command and dead-letter topics are named
 * @param startReports           the start-up report topic (runners that send reports write it, the learner reads it)
 * @param topologyApplicationId  the topology's {@code application.id}
 * @param learnerApplicationId   the manifest learner's {@code application.id}
 */
public record PipelineNames(
        String startRequests,
        String manifests,
        String deadLetters,
        RunnerTopicNaming runnerTopics,
        String startReports,
        String topologyApplicationId,
        String learnerApplicationId) {
    public PipelineNames {
        Objects.requireNonNull(startRequests, "startRequests");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(runnerTopics, "runnerTopics");
        Objects.requireNonNull(startReports, "startReports");
        requireLegalApplicationId(topologyApplicationId);
        requireLegalApplicationId(learnerApplicationId);
    }

    /** The names with the default start-up report topic and application ids. */
    public PipelineNames(String startRequests, String manifests, String deadLetters, RunnerTopicNaming runnerTopics) {
        this(startRequests, manifests, deadLetters, runnerTopics, PipelineTopics.START_REPORTS);
    }

    /** The names with the default application ids. */
    public PipelineNames(
            String startRequests,
            String manifests,
            String deadLetters,
            RunnerTopicNaming runnerTopics,
            String startReports) {
        this(
                startRequests,
                manifests,
                deadLetters,
                runnerTopics,
                startReports,
                PreloadTopologyConfig.DEFAULT_APPLICATION_ID,
                ManifestLearnerConfig.DEFAULT_APPLICATION_ID);
    }

    /** The defaults of {@link PipelineTopics}, {@link RunnerTopicNaming#defaults()} and the two applications' configs. */
    public static PipelineNames defaults() {
        return new PipelineNames(
                PipelineTopics.START_REQUESTS,
                PipelineTopics.MANIFESTS,
                PipelineTopics.START_REQUEST_DEAD_LETTERS,
                RunnerTopicNaming.defaults());
    }

    /** The names a topology with {@code config} uses (the learner's application id: its default). */
    public static PipelineNames of(PreloadTopologyConfig config) {
        return new PipelineNames(
                        config.getString(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG),
                        config.getString(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG),
                        config.getString(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG),
                        config.runnerTopicNaming())
                .withApplicationIds(
                        config.getString(PreloadTopologyConfig.APPLICATION_ID_CONFIG),
                        ManifestLearnerConfig.DEFAULT_APPLICATION_ID);
    }

    /** The same topics with another start-up report topic. */
    public PipelineNames withStartReports(String topic) {
        return new PipelineNames(
                startRequests,
                manifests,
                deadLetters,
                runnerTopics,
                topic,
                topologyApplicationId,
                learnerApplicationId);
    }

    /** The same topics with other application ids. */
    public PipelineNames withApplicationIds(String topology, String learner) {
        return new PipelineNames(startRequests, manifests, deadLetters, runnerTopics, startReports, topology, learner);
    }

    /**
     * What every runner command topic starts with: the pattern's text before {@code {runnerId}}.
     * Dead-letter topics share it.
     */
    public String runnerTopicPrefix() {
        String pattern = runnerTopics.pattern();
        return pattern.substring(0, pattern.indexOf(RunnerTopicNaming.RUNNER_ID_PLACEHOLDER));
    }

    /** An application id prefixes its internal topic names, so it must be legal in one. */
    private static void requireLegalApplicationId(String applicationId) {
        Objects.requireNonNull(applicationId, "applicationId");
        RunnerTopicNaming.illegalReason(applicationId).ifPresent(reason -> {
            throw new IllegalArgumentException(
                    "applicationId '" + applicationId + "' cannot prefix internal topic names: " + reason);
        });
    }
}
