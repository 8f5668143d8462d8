package io.actorpreload.topology.acl;

import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.util.Objects;

/**
 * The topic names ACLs are about: the shared topics and the runner topic naming. Immutable.
 *
 * @param startRequests the start-request topic
 * @param manifests     the manifest topic
 * @param deadLetters   the topology's dead-letter topic
 * @param runnerTopics  how runner command and dead-letter topics are named
 * @param startReports  the start-up report topic (runners that send reports write it, the learner reads it)
 */
public record PipelineNames(String startRequests, String manifests, String deadLetters, RunnerTopicNaming runnerTopics,
                            String startReports) {
    public PipelineNames {
        Objects.requireNonNull(startRequests, "startRequests");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(runnerTopics, "runnerTopics");
        Objects.requireNonNull(startReports, "startReports");
    }

    /** The names with the default start-up report topic ({@link PipelineTopics#START_REPORTS}). */
    public PipelineNames(String startRequests, String manifests, String deadLetters, RunnerTopicNaming runnerTopics) {
        this(startRequests, manifests, deadLetters, runnerTopics, PipelineTopics.START_REPORTS);
    }

    /** The defaults of {@link PipelineTopics} and {@link RunnerTopicNaming#defaults()}. */
    public static PipelineNames defaults() {
        return new PipelineNames(PipelineTopics.START_REQUESTS, PipelineTopics.MANIFESTS,
                PipelineTopics.START_REQUEST_DEAD_LETTERS, RunnerTopicNaming.defaults());
    }

    /** The names a topology with {@code config} uses. */
    public static PipelineNames of(PreloadTopologyConfig config) {
        return new PipelineNames(config.getString(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG),
                config.getString(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG),
                config.getString(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG), config.runnerTopicNaming());
    }

    /**
     * What every runner command topic starts with: the pattern's text before {@code {runnerId}}.
     * Dead-letter topics share it.
     */
    public String runnerTopicPrefix() {
        String pattern = runnerTopics.pattern();
        return pattern.substring(0, pattern.indexOf(RunnerTopicNaming.RUNNER_ID_PLACEHOLDER));
    }
}
