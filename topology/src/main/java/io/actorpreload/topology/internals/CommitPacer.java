package io.actorpreload.topology.internals;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Decides when the asynchronous processor asks Kafka Streams to commit (docs/ARCHITECTURE.md,
 * "Concurrency"). Runners read {@code read_committed}, so a forwarded command reaches its runner
 * only when its transaction commits; but each exactly-once commit stops the stream thread for
 * several broker round trips and empties the producer's pipeline, so at a fixed short interval a
 * thread working through queued input spends much of its time on commits (docs/BENCHMARKS.md,
 * "store-topology").
 *
 * <p>The rule: ask for a commit once a command was forwarded since the last commit, at least
 * {@code minInterval} has passed since it, and the thread is not behind. Behind means the newest
 * record processed was already older than {@value #BEHIND_AFTER_MS} ms (by its timestamp against
 * this machine's clock) and the thread has not been idle since: the input is queued, so the
 * records waiting gain more from throughput than from early commits, and Streams' own
 * {@code commit.interval.ms} commits them. So a thread that keeps up commits soon after it
 * forwards (an idle thread's first command at once), and one that is behind commits at the
 * interval until it has caught up.
 *
 * <p>Safe at any moment: a commit with preloads in flight keeps their entries queued in the
 * in-flight store, so asking for commits earlier or later changes latency, never what is committed.
 * Commits are per stream thread (every task of the thread commits together): the pacer watches the
 * thread's commit count, so a commit asked for by any task, or made at Streams' interval, restarts
 * every task's pacer. Clocks: a request producer's clock running ahead or behind this machine's
 * only moves the behind test, so commits come at the interval or at the minimum, never more often.
 * Used by one stream thread.
 */
final class CommitPacer {
    /**
     * A record older than this when processed means the thread is behind. Well above a commit
     * interval: a thread that keeps up still sees records a few commit intervals old, and taking
     * those for being behind would leave its commits to Streams' interval for long stretches.
     */
    static final long BEHIND_AFTER_MS = 1_000;

    private final long minIntervalNanos;
    private final LongSupplier nanoClock;
    private ThreadCommits commits = ThreadCommits.UNKNOWN;
    private Runnable requestCommit = () -> {};
    private double commitsSeen = Double.NaN;
    private long lastCommitNanos;
    private boolean forwardedSinceCommit;
    private boolean behind;
    private boolean processedSincePunctuation;

    /**
     * @param minInterval the shortest time between a commit and the next one asked for
     * @param nanoClock   {@link System#nanoTime()} but in tests
     */
    CommitPacer(Duration minInterval, LongSupplier nanoClock) {
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.lastCommitNanos = nanoClock.getAsLong();
    }

    /** Connects to the processor's context; call from {@code init}, on the stream thread. */
    void init(ProcessorContext<?, ?> context) {
        init(ThreadCommits.of(context.metrics(), Thread.currentThread().getName()), context::commit);
    }

    /** Connects to a source of commit figures and a way to ask for a commit. */
    void init(ThreadCommits commits, Runnable requestCommit) {
        this.commits = Objects.requireNonNull(commits, "commits");
        this.requestCommit = Objects.requireNonNull(requestCommit, "requestCommit");
        // The commits made before this task started are not news.
        this.commitsSeen = commits.count();
    }

    /** A record was processed: its timestamp and this machine's wall clock, both in ms. */
    void processed(long recordTimestampMs, long nowMs) {
        processedSincePunctuation = true;
        behind = nowMs - recordTimestampMs > BEHIND_AFTER_MS;
    }

    /** A wall-clock punctuation ran: with no record processed since the last one, the thread is idle. */
    void punctuated() {
        if (!processedSincePunctuation) {
            behind = false;
        }
        processedSincePunctuation = false;
        maybeCommit();
    }

    /** A command was forwarded: it waits for the next commit. */
    void forwarded() {
        observeCommits(nanoClock.getAsLong());
        forwardedSinceCommit = true;
    }

    /** Asks for a commit when one is due; call after each record. */
    void maybeCommit() {
        long now = nanoClock.getAsLong();
        observeCommits(now);
        if (forwardedSinceCommit && !behind && now - lastCommitNanos >= minIntervalNanos) {
            // Only sets a flag: Streams commits after the records it is processing now.
            requestCommit.run();
            if (commits == ThreadCommits.UNKNOWN) {
                // Nothing will show the commit: count the request as one.
                lastCommitNanos = now;
                forwardedSinceCommit = false;
            }
        }
    }

    private void observeCommits(long now) {
        double count = commits.count();
        if (Double.compare(count, commitsSeen) != 0) {
            // The thread committed since the pacer last looked: everything forwarded before is visible.
            commitsSeen = count;
            lastCommitNanos = now;
            forwardedSinceCommit = false;
        }
    }

    /** What the pacer reads about its stream thread's commits. */
    interface ThreadCommits {
        /** No figures: the pacer then counts each commit it asks for as made, and asks at the minimum interval. */
        ThreadCommits UNKNOWN = () -> Double.NaN;

        /** How many commits the thread has made; any count that changes with each commit; NaN when not known. */
        double count();

        /**
         * The stream thread's own count ({@code commit-total} of group {@code stream-thread-metrics});
         * {@link #UNKNOWN} where Streams keeps none (e.g. the test driver).
         */
        static ThreadCommits of(StreamsMetrics metrics, String threadName) {
            for (Map.Entry<MetricName, ? extends Metric> entry :
                    metrics.metrics().entrySet()) {
                MetricName name = entry.getKey();
                if (name.name().equals("commit-total")
                        && name.group().equals("stream-thread-metrics")
                        && threadName.equals(name.tags().get("thread-id"))) {
                    Metric total = entry.getValue();
                    return () -> total.metricValue() instanceof Number count ? count.doubleValue() : Double.NaN;
                }
            }
            return UNKNOWN;
        }
    }
}
