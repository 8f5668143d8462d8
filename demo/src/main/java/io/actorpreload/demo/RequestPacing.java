package io.actorpreload.demo;

import java.util.concurrent.locks.LockSupport;

/**
 * When the demo sends each start request: at a steady rate (the default), so that the latency it
 * reports is a start's own latency, or all at once ({@code --burst}), where the latency of the last
 * start is the time to drain the whole burst. Used by one thread.
 */
final class RequestPacing {
    private final int ratePerSecond;
    private long startNanos;

    private RequestPacing(int ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    /** One request every {@code 1 / ratePerSecond} seconds. */
    static RequestPacing steady(int ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("a steady rate must be positive, not " + ratePerSecond);
        }
        return new RequestPacing(ratePerSecond);
    }

    /** Every request at once. */
    static RequestPacing burst() {
        return new RequestPacing(0);
    }

    /** Waits until the {@code index}-th request (from 0) is due; the first call starts the clock. */
    void awaitTurn(int index) {
        if (index == 0 || startNanos == 0) {
            startNanos = System.nanoTime();
        }
        if (ratePerSecond == 0) {
            return;
        }
        long due = startNanos + index * 1_000_000_000L / ratePerSecond;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** "a steady 100/s" or "once (one burst)". */
    String describe() {
        return ratePerSecond == 0 ? "once (one burst)" : "a steady " + ratePerSecond + "/s";
    }

    /** Requests per second; 0 for a burst. */
    int ratePerSecond() {
        return ratePerSecond;
    }
}
