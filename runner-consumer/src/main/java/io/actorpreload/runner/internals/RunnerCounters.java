package io.actorpreload.runner.internals;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.runner.ActorTypeStartups;
import io.actorpreload.runner.RunnerMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link RunnerMetrics}: written by the consumer thread, read by any. Thread-safe. */
public final class RunnerCounters implements RunnerMetrics {
    private final LongAdder handled = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder schemaRetries = new LongAdder();
    private final LongAdder handlerFailures = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder stalePreloads = new LongAdder();
    private final LongAdder offsetCommits = new LongAdder();
    // Keys are PreloadFailures kinds, a small fixed set, so the map stays small.
    private final Map<String, LongAdder> preloadFailures = new ConcurrentHashMap<>();
    private final LongAdder reportsSent = new LongAdder();
    private final LongAdder reportsDropped = new LongAdder();
    private final ActorTypeCounters actorTypes = new ActorTypeCounters();

    public void recordStartup(ActorStartReport report) {
        actorTypes.record(report);
    }

    public void recordReportSent() {
        reportsSent.increment();
    }

    public void recordReportDropped() {
        reportsDropped.increment();
    }

    @Override
    public long startupReportsSent() {
        return reportsSent.sum();
    }

    @Override
    public long startupReportsDropped() {
        return reportsDropped.sum();
    }

    @Override
    public Map<String, ActorTypeStartups> actorTypes() {
        return actorTypes.snapshot();
    }

    /** The counts of one actor type now. */
    public ActorTypeStartups actorType(String actorType) {
        return actorTypes.of(actorType);
    }

    public void recordHandled() {
        handled.increment();
    }

    public void recordRedelivery() {
        redeliveries.increment();
    }

    public void recordSchemaRetry() {
        schemaRetries.increment();
    }

    public void recordHandlerFailure() {
        handlerFailures.increment();
    }

    public void recordDeadLetter() {
        deadLettered.increment();
    }

    public void recordPreloadFailure(String kind) {
        preloadFailures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public void recordStalePreload() {
        stalePreloads.increment();
    }

    public void recordOffsetCommit() {
        offsetCommits.increment();
    }

    @Override
    public long offsetCommits() {
        return offsetCommits.sum();
    }

    @Override
    public Map<String, Long> preloadFailures() {
        Map<String, Long> snapshot = new TreeMap<>();
        preloadFailures.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    @Override
    public long stalePreloadsDropped() {
        return stalePreloads.sum();
    }

    @Override
    public long commandsHandled() {
        return handled.sum();
    }

    @Override
    public long redeliveriesSkipped() {
        return redeliveries.sum();
    }

    @Override
    public long schemaRetries() {
        return schemaRetries.sum();
    }

    @Override
    public long handlerFailures() {
        return handlerFailures.sum();
    }

    @Override
    public long deadLettered() {
        return deadLettered.sum();
    }

    @Override
    public String toString() {
        return "RunnerMetrics[handled=" + commandsHandled() + ", redeliveriesSkipped=" + redeliveriesSkipped()
                + ", schemaRetries=" + schemaRetries() + ", handlerFailures=" + handlerFailures()
                + ", deadLettered=" + deadLettered() + ", offsetCommits=" + offsetCommits()
                + ", stalePreloadsDropped=" + stalePreloadsDropped()
                + ", preloadFailures=" + preloadFailures() + ", startupReportsSent=" + startupReportsSent()
                + ", startupReportsDropped=" + startupReportsDropped() + "]";
    }
}
