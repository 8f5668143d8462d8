package io.actorpreload.runner;

import java.util.Map;

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

    /**
     * Commands without preload by why their preload failed: the kind of their {@code preloadFailure}
     * ({@code timeout}, {@code corrupt-data}, {@code store-error}, {@code too-large},
     * {@code invalid-manifest}; {@code unspecified} when a failed command carries none, {@code other}
     * for a kind this version does not know). A snapshot; kinds never met are absent.
     */
    Map<String, Long> preloadFailures();

    /**
     * Preloads dropped because their snapshot was read longer ago than
     * {@link RunnerConfig#maxPreloadAge()}, or at a time in the future.
     */
    long stalePreloadsDropped();

    /**
     * Offset commits this client sent while running ({@link RunnerConfig#offsetCommits()}: one per command,
     * or one per partition and poll); those at a rebalance and at close are not counted.
     */
    long offsetCommits();

    /** Start-up reports the broker acknowledged ({@link RunnerConfig#startupReports()}). */
    long startupReportsSent();

    /**
     * Start-up reports dropped: the buffer was full, or the send failed (broker or registry
     * unreachable). A start-up never waits for its report.
     */
    long startupReportsDropped();

    /**
     * Per actor type, what its start-ups cost since the client started: starts, KV round trips of
     * their reads, bytes preloaded and preloaded bytes no read touched. A snapshot.
     */
    Map<String, ActorTypeStartups> actorTypes();
}
