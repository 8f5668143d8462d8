package io.actorpreload.demo;

import io.actorpreload.avro.PreloadStatus;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo's runners observed, gathered from their consumer threads: arrivals per
 * actor, statuses, round trips, preloaded bytes, latencies and every wrong answer. Thread-safe
 * (every method is synchronized: the counts are tiny next to a start-up).
 */
final class DemoTally {
    private static final int MISMATCHES_KEPT = 20;

    private final Map<String, Integer> arrivals = new HashMap<>();
    private final Map<PreloadStatus, Integer> statuses = new EnumMap<>(PreloadStatus.class);
    private final List<Long> latenciesMillis = new ArrayList<>();
    private final List<String> mismatches = new ArrayList<>();
    private long mismatchCount;
    private long roundTrips;
    private long preloadedBytes;
    private long firstArrivalNanos;
    private long lastArrivalNanos;

    /** One handled start command. */
    synchronized void started(
            String actorId,
            PreloadStatus status,
            long preloadBytes,
            int actorRoundTrips,
            long latencyMillis,
            List<String> actorMismatches) {
        long now = System.nanoTime();
        if (arrivals.isEmpty()) {
            firstArrivalNanos = now;
        }
        lastArrivalNanos = now;
        arrivals.merge(actorId, 1, Integer::sum);
        statuses.merge(status, 1, Integer::sum);
        preloadedBytes += preloadBytes;
        roundTrips += actorRoundTrips;
        latenciesMillis.add(latencyMillis);
        mismatchCount += actorMismatches.size();
        for (String mismatch : actorMismatches) {
            if (mismatches.size() < MISMATCHES_KEPT) {
                mismatches.add(mismatch);
            }
        }
    }

    /** A wrong answer found outside one start-up's reads (a wrong status, an unexpected round trip). */
    synchronized void mismatch(String description) {
        mismatchCount++;
        if (mismatches.size() < MISMATCHES_KEPT) {
            mismatches.add(description);
        }
    }

    /** How many distinct actors have started at least once. */
    synchronized int actorsStarted() {
        return arrivals.size();
    }

    /** A consistent copy of everything so far. */
    synchronized Snapshot snapshot() {
        long duplicates = arrivals.values().stream()
                .filter(n -> n > 1)
                .mapToLong(n -> n - 1)
                .sum();
        return new Snapshot(
                arrivals.size(),
                latenciesMillis.size(),
                duplicates,
                new EnumMap<>(statuses),
                roundTrips,
                preloadedBytes,
                List.copyOf(latenciesMillis),
                mismatchCount,
                List.copyOf(mismatches),
                (lastArrivalNanos - firstArrivalNanos) / 1e9);
    }

    /** What the tally held at one moment. */
    record Snapshot(
            int actorsStarted,
            int commandsHandled,
            long duplicates,
            Map<PreloadStatus, Integer> statuses,
            long roundTrips,
            long preloadedBytes,
            List<Long> latenciesMillis,
            long mismatchCount,
            List<String> mismatches,
            double arrivalSpanSeconds) {}
}
