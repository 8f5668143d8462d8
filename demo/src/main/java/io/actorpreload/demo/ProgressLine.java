package io.actorpreload.demo;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * Shows how far the demo got: one line rewritten in place on a terminal, or a plain line every few
 * seconds when the output is a file or a pipe (a test, CI).
 */
final class ProgressLine {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private long lastPrintNanos;
    private int lastShown = -1;

    ProgressLine(PrintStream out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    /** Shows {@code done} if it changed and enough time passed since the last line. */
    void update(IntSupplier done) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        int value = done.getAsInt();
        if (value == lastShown || now - lastPrintNanos < interval) {
            return;
        }
        lastShown = value;
        lastPrintNanos = now;
        String bar = "#".repeat(total == 0 ? 30 : 30 * value / total);
        String line = "started %d/%d actors [%-30s]".formatted(value, total, bar);
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the in-place line. */
    void finish() {
        if (terminal && lastShown >= 0) {
            out.println();
        }
    }
}
