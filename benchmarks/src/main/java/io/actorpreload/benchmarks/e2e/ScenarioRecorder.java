package io.actorpreload.benchmarks.e2e;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What one load scenario saw: when each request was sent and when its command reached the runner's
 * handler, the preload bytes delivered, and the commands that came without a preload or needed KV
 * round trips; for commands with a preload also, by wall clock, the time from the request to its
 * snapshot read in the topology (the request's way in: producer, broker, the topology's fetch and
 * queue) and from the read to the handler (the topology's commit and the runner's fetch). The
 * driver thread records sends, the runner's thread records arrivals. Thread-safe.
 */
final class ScenarioRecorder {
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final long[] latencies;
    private final long[] beforeReadMillis;
    private final long[] afterReadMillis;
    private int received;
    private int timedReads;
    private long lastReceivedNanos;
    private long preloadBytes;
    private int withoutPreload;
    private long kvRoundTrips;

    ScenarioRecorder(int expected) {
        this.latencies = new long[expected];
        this.beforeReadMillis = new long[expected];
        this.afterReadMillis = new long[expected];
    }

    /** Call just before the request is handed to the producer. */
    void sent(String actorId, long generation) {
        sentNanos.put(key(actorId, generation), System.nanoTime());
    }

    /**
     * A command reached the handler. A command this scenario did not send (a redelivery, or one
     * from an earlier scenario) is ignored.
     */
    synchronized void received(
            String actorId,
            long generation,
            long bytes,
            boolean preloaded,
            long roundTrips,
            long requestedAtMillis,
            OptionalLong preloadReadAtMillis) {
        long now = System.nanoTime();
        Long sent = sentNanos.remove(key(actorId, generation));
        if (sent == null || received >= latencies.length) {
            return;
        }
        latencies[received++] = now - sent;
        preloadReadAtMillis.ifPresent(readAt -> {
            beforeReadMillis[timedReads] = readAt - requestedAtMillis;
            afterReadMillis[timedReads++] = System.currentTimeMillis() - readAt;
        });
        lastReceivedNanos = now;
        preloadBytes += bytes;
        withoutPreload += preloaded ? 0 : 1;
        kvRoundTrips += roundTrips;
        notifyAll();
    }

    /**
     * Waits until every expected command arrived, until none arrived for {@code idleMillis}, or until
     * {@code stillWorthWaiting} says no (checked at least every half second); returns the count.
     */
    synchronized int awaitAll(long idleMillis, BooleanSupplier stillWorthWaiting) throws InterruptedException {
        int seen = -1;
        long deadline = 0;
        while (received < latencies.length) {
            long now = System.currentTimeMillis();
            if (received != seen) {
                seen = received;
                deadline = now + idleMillis;
            } else if (now >= deadline || !stillWorthWaiting.getAsBoolean()) {
                break;
            }
            wait(Math.max(1, Math.min(500, deadline - now)));
        }
        return received;
    }

    synchronized int received() {
        return received;
    }

    synchronized long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    synchronized long preloadBytes() {
        return preloadBytes;
    }

    synchronized int withoutPreload() {
        return withoutPreload;
    }

    synchronized long kvRoundTrips() {
        return kvRoundTrips;
    }

    /** The {@code quantile} (0..1) of the latencies seen, in milliseconds; 0 when none arrived. */
    synchronized double latencyMillis(double quantile) {
        return quantile(latencies, received, quantile) / 1e6;
    }

    /** The {@code quantile} (0..1) of the times from request to preload read, in milliseconds; 0 when none. */
    synchronized double beforeReadMillis(double quantile) {
        return quantile(beforeReadMillis, timedReads, quantile);
    }

    /** The {@code quantile} (0..1) of the times from preload read to handler, in milliseconds; 0 when none. */
    synchronized double afterReadMillis(double quantile) {
        return quantile(afterReadMillis, timedReads, quantile);
    }

    private static long quantile(long[] values, int count, double quantile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(quantile * count) - 1);
        return sorted[Math.max(0, index)];
    }

    private static String key(String actorId, long generation) {
        return actorId + "#" + generation;
    }
}
