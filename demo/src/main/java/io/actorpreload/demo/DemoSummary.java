package io.actorpreload.demo;

import io.actorpreload.avro.PreloadStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Prints the demo's closing table and decides whether the run passed. */
final class DemoSummary {
    private final int actorsRequested;
    private final DemoTally.Snapshot tally;
    private final String pacing;
    private final double sendSeconds;

    /**
     * @param pacing      how the requests were sent ("a steady 100/s", "one burst")
     * @param sendSeconds how long sending them took
     */
    DemoSummary(int actorsRequested, DemoTally.Snapshot tally, String pacing, double sendSeconds) {
        this.actorsRequested = actorsRequested;
        this.tally = tally;
        this.pacing = pacing;
        this.sendSeconds = sendSeconds;
    }

    /** Every actor started exactly once, and every answer, status and round trip was right. */
    boolean passed() {
        return tally.actorsStarted() == actorsRequested && tally.duplicates() == 0 && tally.mismatchCount() == 0;
    }

    void print(PrintStream out) {
        long withoutPreload = (long) tally.commandsHandled() * StartupReads.READS_PER_START;
        double span = Math.max(tally.arrivalSpanSeconds(), 1e-3);
        out.println();
        out.println("actor-preload demo summary");
        out.println("--------------------------------------------------------------");
        row(out, "actors requested", "%d, at %s (sent in %.1f s)".formatted(actorsRequested, pacing, sendSeconds));
        row(out, "actors started", Integer.toString(tally.actorsStarted()));
        row(out, "duplicate deliveries", Long.toString(tally.duplicates()));
        for (PreloadStatus status : PreloadStatus.values()) {
            int count = tally.statuses().getOrDefault(status, 0);
            if (count > 0) {
                row(out, "commands " + status, Integer.toString(count));
            }
        }
        row(
                out,
                "preloaded bytes",
                "%,d (%.1f MiB)".formatted(tally.preloadedBytes(), tally.preloadedBytes() / 1048576.0));
        row(
                out,
                "KV round trips",
                "%,d with preload vs %,d without (%.1f%%)"
                        .formatted(
                                tally.roundTrips(),
                                withoutPreload,
                                withoutPreload == 0 ? 0 : 100.0 * tally.roundTrips() / withoutPreload));
        row(
                out,
                "throughput",
                "%.0f commands/s, %.1f MiB/s of preload (first to last arrival)"
                        .formatted(tally.commandsHandled() / span, tally.preloadedBytes() / 1048576.0 / span));
        row(
                out,
                "latency request -> handler",
                "p50 %d ms, p99 %d ms, max %d ms".formatted(percentile(0.50), percentile(0.99), percentile(1.0)));
        row(out, "wrong answers", Long.toString(tally.mismatchCount()));
        out.println("--------------------------------------------------------------");
        for (String mismatch : tally.mismatches()) {
            out.println("  MISMATCH " + mismatch);
        }
        out.println(
                passed()
                        ? "PASS: every actor started exactly once and every answer was right."
                        : "FAIL: see the counts and mismatches above.");
    }

    private long percentile(double p) {
        List<Long> sorted = new ArrayList<>(tally.latenciesMillis());
        if (sorted.isEmpty()) {
            return 0;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("%-28s %s%n", name, value);
    }
}
