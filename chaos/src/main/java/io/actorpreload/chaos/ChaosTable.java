package io.actorpreload.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the fault table, a row as each fault is accounted, and the run's final line; decides the
 * exit code. Not thread-safe: used by the harness's main thread.
 */
final class ChaosTable {
    private static final String FORMAT = "%-40s %6s %9s %5s %5s %8s %8s %9s %9s  %s%n";

    private final PrintStream out;
    private final List<FaultRow> rows = new ArrayList<>();

    ChaosTable(PrintStream out) {
        this.out = out;
    }

    void printHeader() {
        out.printf(
                FORMAT,
                "fault",
                "sent",
                "delivered",
                "lost",
                "dup",
                "good-dlq",
                "handled",
                "stall-ms",
                "resume-ms",
                "check");
    }

    void add(FaultRow row) {
        rows.add(row);
        out.printf(
                FORMAT,
                row.fault(),
                row.sent(),
                row.delivered(),
                row.lost(),
                row.duplicated(),
                row.goodDeadLettered(),
                row.handled(),
                row.longestStallMillis(),
                row.resumeMillis() < 0 ? "none" : row.resumeMillis(),
                note(row));
        out.flush();
    }

    /** The row's check, and the handler calls beyond the first (allowed: runners are at least once). */
    private static String note(FaultRow row) {
        String again = row.rehandled() > 0 ? row.rehandled() + " handled again (at least once)" : "";
        return String.join(
                "; ",
                java.util.stream.Stream.of(row.note(), again)
                        .filter(n -> !n.isEmpty())
                        .toList());
    }

    List<FaultRow> rows() {
        return List.copyOf(rows);
    }

    /** The largest time to resume over the faults whose failed process was restarted; -1 if one never resumed. */
    static long maxResume(List<FaultRow> rows) {
        long max = 0;
        for (FaultRow row : rows) {
            if (row.restarted()) {
                if (row.resumeMillis() < 0) {
                    return -1;
                }
                max = Math.max(max, row.resumeMillis());
            }
        }
        return max;
    }

    /** The final line, over every good request of the run (warm-up and drain included). */
    static String finalLine(int faults, FaultAccounting.Totals totals, long maxResume) {
        return "chaos: %d faults, %d starts, lost %d, duplicated %d, good dead-lettered %d, max resume %s ms"
                .formatted(
                        faults,
                        totals.sent(),
                        totals.lost(),
                        totals.duplicated(),
                        totals.goodDeadLettered(),
                        maxResume < 0 ? "none" : String.valueOf(maxResume));
    }

    /** 0 when nothing was lost, duplicated or wrongly dead-lettered and every fault's check passed, else 1. */
    static int exitCode(List<FaultRow> rows, FaultAccounting.Totals totals) {
        boolean failed = rows.stream().anyMatch(FaultRow::failed)
                || totals.lost() > 0
                || totals.duplicated() > 0
                || totals.goodDeadLettered() > 0;
        return failed ? 1 : 0;
    }
}
