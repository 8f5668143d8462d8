package io.actorpreload.preload.internals;

/**
 * Spends one byte budget; never lets the spending exceed it. Fresh per preload (or per prefix).
 * Not thread-safe.
 */
final class BudgetTracker {
    private final long budget;
    private long spent;

    BudgetTracker(long budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("budget may not be negative. Got: " + budget);
        }
        this.budget = budget;
    }

    /** Spends {@code bytes} when they fit in what remains (an exact fit is accepted). */
    boolean tryCharge(long bytes) {
        if (bytes > remaining()) {
            return false;
        }
        spent += bytes;
        return true;
    }

    long remaining() {
        return budget - spent;
    }

    long spent() {
        return spent;
    }
}
