package io.actorpreload.runner.internals;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.runner.ActorTypeStartups;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Start-up costs per actor type, from each start-up's report: written by the consumer thread, read
 * by any. One entry per actor type the runner started. Thread-safe.
 */
public final class ActorTypeCounters {
    private final Map<String, Counts> byType = new ConcurrentHashMap<>();

    public void record(ActorStartReport report) {
        Counts counts = byType.computeIfAbsent(report.getActorName(), name -> new Counts());
        counts.starts.increment();
        counts.roundTrips.add(report.getReadRoundTrips());
        counts.preloaded.add(report.getPreloadedBytes());
        counts.unused.add(report.getUnusedPreloadedBytes());
    }

    /** The counts of {@code actorType} now; zeros for a type never started. */
    public ActorTypeStartups of(String actorType) {
        Counts c = byType.get(actorType);
        return c == null
                ? new ActorTypeStartups(0, 0, 0, 0)
                : new ActorTypeStartups(c.starts.sum(), c.roundTrips.sum(), c.preloaded.sum(), c.unused.sum());
    }

    /** A snapshot, sorted by actor type. */
    public Map<String, ActorTypeStartups> snapshot() {
        Map<String, ActorTypeStartups> snapshot = new TreeMap<>();
        byType.forEach((type, c) -> snapshot.put(
                type, new ActorTypeStartups(c.starts.sum(), c.roundTrips.sum(), c.preloaded.sum(), c.unused.sum())));
        return snapshot;
    }

    private static final class Counts {
        final LongAdder starts = new LongAdder();
        final LongAdder roundTrips = new LongAdder();
        final LongAdder preloaded = new LongAdder();
        final LongAdder unused = new LongAdder();
    }
}
