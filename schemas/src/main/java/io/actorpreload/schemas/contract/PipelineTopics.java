package io.actorpreload.schemas.contract;

/**
 * The default names of the pipeline's shared topics (every name is configurable; these are what
 * every party assumes when nothing is configured). Runner topics are named by
 * {@link RunnerTopicNaming}. See docs/ARCHITECTURE.md, "Topics".
 */
public final class PipelineTopics {
    /** Start requests, written by the orchestrator: key actorId, value {@code ActorStartRequested}. */
    public static final String START_REQUESTS = "actor-start-requests";
    /** Preload manifests, compacted: key actorName, value {@code PreloadManifest}; a tombstone removes one. */
    public static final String MANIFESTS = "actor-preload-manifests";
    /** The topology's dead letters: start requests that are wrong in themselves, original bytes and headers. */
    public static final String START_REQUEST_DEAD_LETTERS = START_REQUESTS + RunnerTopicNaming.DEAD_LETTER_SUFFIX;
    /**
     * Start-up read reports, written by runners when an actor's start-up ends: key actorName, value
     * {@code ActorStartReport}; the input of the manifest learner.
     */
    public static final String START_REPORTS = "actor-start-reports";

    private PipelineTopics() {}
}
