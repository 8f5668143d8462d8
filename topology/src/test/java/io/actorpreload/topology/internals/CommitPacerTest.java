package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link CommitPacer} against a fake clock and a fake stream thread that commits when asked (at
 * the end of its current iteration, as Kafka Streams does) and at its own interval.
 */
class CommitPacerTest {
    private static final long MS = 1_000_000;

    /** A stream thread as the pacer sees it: a clock and a commit count. */
    private static final class FakeThread implements CommitPacer.ThreadCommits {
        long now = 1_000 * MS;
        int commits;
        boolean asked;

        @Override
        public double count() {
            return commits;
        }

        /** Ends the iteration: commits if asked, taking {@code latencyMs}. */
        void endIteration(long latencyMs) {
            if (asked) {
                commit(latencyMs);
            }
        }

        void commit(long latencyMs) {
            now += latencyMs * MS;
            commits++;
            asked = false;
        }

        CommitPacer pacer(long minIntervalMs) {
            CommitPacer pacer = new CommitPacer(Duration.ofMillis(minIntervalMs), () -> now);
            pacer.init(this, () -> asked = true);
            return pacer;
        }
    }

    @Test
    void shouldAskForACommitAtOnceWhenAnIdleThreadForwardsItsFirstCommand() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        thread.now += 500 * MS;

        pacer.forwarded();
        pacer.maybeCommit();

        assertThat(thread.asked).isTrue();
    }

    @Test
    void shouldNotAskForACommitWhenNothingWasForwardedSinceTheLast() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        pacer.forwarded();
        thread.now += 30 * MS;
        pacer.maybeCommit();
        thread.endIteration(4);

        thread.now += 500 * MS;
        pacer.maybeCommit();

        assertThat(thread.commits).isEqualTo(1);
        assertThat(thread.asked).isFalse();
    }

    @Test
    void shouldWaitTheMinimumIntervalAfterACommit() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        thread.commit(15);
        pacer.maybeCommit();

        thread.now += 19 * MS;
        pacer.forwarded();
        pacer.maybeCommit();
        boolean askedEarly = thread.asked;
        thread.now += 1 * MS;
        pacer.maybeCommit();

        assertThat(askedEarly).isFalse();
        assertThat(thread.asked).isTrue();
    }

    @Test
    void shouldRestartWhenTheThreadCommitsAtItsOwnInterval() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        pacer.forwarded();
        thread.commit(3); // Streams' interval commit, not asked for

        thread.now += 10 * MS;
        pacer.maybeCommit();

        assertThat(thread.asked).isFalse();
    }

    @Test
    void shouldCountItsOwnRequestsAsCommitsWhenTheThreadKeepsNoFigures() {
        long[] now = {0};
        int[] asked = {0};
        CommitPacer pacer = new CommitPacer(Duration.ofMillis(20), () -> now[0]);
        pacer.init(CommitPacer.ThreadCommits.UNKNOWN, () -> asked[0]++);

        for (int ms = 0; ms < 100; ms++) {
            now[0] = (20 + ms) * MS;
            pacer.forwarded();
            pacer.maybeCommit();
        }

        assertThat(asked[0]).isEqualTo(5);
    }

    @Test
    void shouldLeaveCommitsToStreamsWhileBehindAndAskOnceIdle() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        long wallMs = 5_000_000;
        thread.now += 500 * MS;

        pacer.processed(wallMs - CommitPacer.BEHIND_AFTER_MS - 1, wallMs);
        pacer.forwarded();
        pacer.maybeCommit();
        boolean askedBehind = thread.asked;
        pacer.punctuated(); // records were processed since the last punctuation: still behind
        boolean askedBusy = thread.asked;
        pacer.punctuated(); // none since: idle, caught up

        assertThat(askedBehind).isFalse();
        assertThat(askedBusy).isFalse();
        assertThat(thread.asked).isTrue();
    }

    @Test
    void shouldAskAsUsualWhenTheRecordsAreFresh() {
        FakeThread thread = new FakeThread();
        CommitPacer pacer = thread.pacer(20);
        long wallMs = 5_000_000;
        thread.now += 500 * MS;

        pacer.processed(wallMs - CommitPacer.BEHIND_AFTER_MS, wallMs);
        pacer.forwarded();
        pacer.maybeCommit();

        assertThat(thread.asked).isTrue();
    }

    /**
     * Random runs of forwards, thread commits at their own interval and commit latencies: a commit
     * is asked for only with a command forwarded since the last commit and only once the minimum
     * interval has passed since it; and once both hold, the next call asks.
     */
    @Property(tries = 200)
    void shouldAskOnlyWhenDueAndAlwaysWhenDue(@ForAll long seed) {
        Random random = new Random(seed);
        FakeThread thread = new FakeThread();
        long minMs = random.nextInt(50);
        CommitPacer pacer = thread.pacer(minMs);
        long lastCommit = thread.now;
        boolean forwarded = false;
        for (int step = 0; step < 2_000; step++) {
            int commitsBefore = thread.commits;
            long due = minMs * MS;
            boolean wasAsked = thread.asked;
            if (random.nextInt(4) == 0) {
                pacer.forwarded();
                forwarded = true;
            }
            pacer.maybeCommit();
            if (thread.asked && !wasAsked) {
                assertThat(forwarded).as("asked with nothing forwarded").isTrue();
                assertThat(thread.now - lastCommit).as("asked before due").isGreaterThanOrEqualTo(due);
            }
            if (forwarded && thread.now - lastCommit >= due) {
                assertThat(thread.asked).as("due and not asked").isTrue();
            }
            thread.now += random.nextInt(8) * MS;
            if (random.nextInt(30) == 0) {
                thread.commit(1 + random.nextInt(20)); // the thread's own interval
            } else {
                thread.endIteration(1 + random.nextInt(20));
            }
            if (thread.commits != commitsBefore) {
                lastCommit = thread.now;
                forwarded = false;
            }
        }
    }
}
