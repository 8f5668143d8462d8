package io.actorpreload.runner;

/**
 * Counters of one {@link RunnerClient} since it started, to export to the runner's own metrics system
 * (read them periodically; each is monotonic). A rising {@link #schemaRetries()} means commands wait
 * for the schema registry; a rising {@link #deadLettered()} means commands were set aside in
 * {@link RunnerConfig#deadLetterTopic()} and need a look (and perhaps a replay, see
 * {@link RunnerDeadLetters}). Thread-safe: read from any thread while the client runs.
 */
public interface RunnerMetrics {
    /** Commands whose handler returned. */
    long commandsHandled();

    /** Redelivered commands skipped because their (actorId, generation) was handled already. */
    long redeliveriesSkipped();

    /**
     * Times a command was set aside to be tried again because its writer schema could not be
     * fetched: the registry did not know its id, or could not be reached.
     */
    long schemaRetries();

    /** Times the handler threw. */
    long handlerFailures();

    /** Commands written to the dead-letter topic. */
    long deadLettered();
}
