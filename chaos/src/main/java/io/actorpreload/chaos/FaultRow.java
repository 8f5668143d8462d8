package io.actorpreload.chaos;

/**
 * One row of the fault table. {@code resumeMillis} is -1 when nothing resumed in the window.
 * {@code rehandled} counts handler calls beyond the first per (actorId, generation): runners are at
 * least once, so a killed runner may start an actor again; it is shown, not counted as a failure.
 * {@code note} says whether the fault's own check passed (e.g. a poison request dead-lettered).
 */
record FaultRow(
        String fault,
        boolean restarted,
        int sent,
        int delivered,
        int lost,
        int duplicated,
        int goodDeadLettered,
        int handled,
        int rehandled,
        long longestStallMillis,
        long resumeMillis,
        boolean checkPassed,
        String note) {

    /** Whether this row counts against the run: something lost, duplicated, wrongly dead-lettered, or its check failed. */
    boolean failed() {
        return lost > 0 || duplicated > 0 || goodDeadLettered > 0 || !checkPassed;
    }
}
