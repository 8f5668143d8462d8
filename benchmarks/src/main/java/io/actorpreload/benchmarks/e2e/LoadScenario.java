package io.actorpreload.benchmarks.e2e;

import java.util.Objects;

/**
 * One load of start requests: the actors of one {@link Workload}, sent at a fixed rate or at full
 * speed. Immutable.
 *
 * @param workload the actors started (so their preload size)
 * @param ratePerSecond requests per second; 0 for full speed (as fast as the producer takes them)
 * @param requests how many start requests
 */
record LoadScenario(Workload workload, int ratePerSecond, int requests) {
    LoadScenario {
        Objects.requireNonNull(workload, "workload");
        if (ratePerSecond < 0 || requests < 1) {
            throw new IllegalArgumentException(
                    "rate must be >= 0 and requests >= 1. Got: " + ratePerSecond + ", " + requests);
        }
    }

    /** "fixed 200/s" or "full speed". */
    String load() {
        return ratePerSecond == 0 ? "full speed" : "fixed " + ratePerSecond + "/s";
    }

    /** The table's scenario column, e.g. "full speed, 16 KiB". */
    String label() {
        return load() + ", " + workload.label();
    }
}
