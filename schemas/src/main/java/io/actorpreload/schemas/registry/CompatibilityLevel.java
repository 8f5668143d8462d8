package io.actorpreload.schemas.registry;

/**
 * A subject's compatibility level, as the Confluent API names it. BACKWARD: the new schema reads
 * data written with the previous one; FORWARD: the previous reads data written with the new; FULL:
 * both. The TRANSITIVE variants check against every earlier version, not just the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether a new schema must read data written with earlier ones. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether earlier schemas must read data written with a new one. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether every earlier version is checked, not just the latest. */
    public boolean transitive() {
        return transitive;
    }
}
