package io.actorpreload.runner.internals;

import io.actorpreload.avro.ActorStartReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue of start-up reports and the one thread that sends them in batches. {@link #offer}
 * never blocks: a report that does not fit is dropped and counted, because a start-up must never
 * wait for its report. A failed send is counted as dropped too (the reports are statistics: the
 * learner needs many, not each). Thread-safe; {@link #close()} sends what is queued, best effort,
 * and stops the thread.
 */
public final class ReportBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportBuffer.class);
    private static final long POLL_MILLIS = 100;

    /** Sends one batch; tells each report's outcome through the callbacks, from any thread. */
    @FunctionalInterface
    public interface Sender {
        void send(List<ActorStartReport> batch, Runnable onSent, Runnable onDropped);
    }

    private final BlockingQueue<ActorStartReport> queue;
    private final int maxBatch;
    private final Sender sender;
    private final RunnerCounters counters;
    private final Thread thread;
    private volatile boolean stopping;
    private long droppedLogged;

    public ReportBuffer(int capacity, int maxBatch, Sender sender, RunnerCounters counters, String threadName) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues {@code report}, or drops and counts it when the buffer is full or closed. Never blocks. */
    public void offer(ActorStartReport report) {
        if (stopping || !queue.offer(report)) {
            counters.recordReportDropped();
            long dropped = counters.startupReportsDropped();
            // Logged at powers of two: a full buffer drops thousands, the log should not.
            if (Long.bitCount(dropped) == 1 && dropped > droppedLogged) {
                droppedLogged = dropped;
                LOG.warn(
                        "{} start-up reports dropped so far (buffer of {} full, or closed): the learner sees fewer "
                                + "starts. Is the broker reachable? Raise startupReportsBuffer if bursts overflow it.",
                        dropped,
                        queue.size() + queue.remainingCapacity());
            }
        }
    }

    private void run() {
        List<ActorStartReport> batch = new ArrayList<>(maxBatch);
        try {
            while (!stopping) {
                ActorStartReport first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    sendQuietly(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (queue.drainTo(batch, maxBatch) > 0) {
            sendQuietly(batch);
        }
    }

    private void sendQuietly(List<ActorStartReport> batch) {
        try {
            sender.send(List.copyOf(batch), counters::recordReportSent, counters::recordReportDropped);
        } catch (RuntimeException e) {
            LOG.warn("Sending {} start-up reports failed; they are dropped: {}", batch.size(), e.toString());
            batch.forEach(r -> counters.recordReportDropped());
        } finally {
            batch.clear();
        }
    }

    /** Stops taking reports, sends those queued and waits for the thread. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
