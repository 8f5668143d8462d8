package io.actorpreload.benchmarks.e2e;

import io.actorpreload.benchmarks.fixtures.ActorShape;
import java.util.Objects;

/**
 * One load of start requests: actors of one {@link ActorShape}, sent at a fixed rate or at full
 * speed. Immutable.
 *
 * @param shape the actors' shape (so their preload size)
 * @param ratePerSecond requests per second; 0 for full speed (as fast as the producer takes them)
 * @param requests how many start requests
 */
record LoadScenario(ActorShape shape, int ratePerSecond, int requests) {
    LoadScenario {
        Objects.requireNonNull(shape, "shape");
        if (ratePerSecond < 0 || requests < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and requests >= 1. Got: " + ratePerSecond + ", " + requests);
        }
    }

    /** "fixed 200/s" or "full speed". */
    String load() {
        return ratePerSecond == 0 ? "full speed" : "fixed " + ratePerSecond + "/s";
    }

    /** The table's scenario column, e.g. "full speed, 16 KiB". */
    String label() {
        return load() + ", " + shape.label();
    }
}
