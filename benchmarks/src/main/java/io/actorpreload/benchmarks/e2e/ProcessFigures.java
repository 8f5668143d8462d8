package io.actorpreload.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time and peak memory of a process, read from Linux's {@code /proc/<pid>}: {@code utime + stime}
 * of {@code stat}, {@code VmHWM} of {@code status}. Elsewhere (no {@code /proc}) every figure is empty.
 * Stateless.
 */
final class ProcessFigures {
    /** USER_HZ: Linux reports {@code stat} times in 1/100 s on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessFigures() {
    }

    /** CPU seconds (user + system) the process has used so far. */
    static Optional<Double> cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; the fields after its closing ')' do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return Optional.of((utime + stime) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Peak resident set size in bytes since the process started or since {@link #resetPeak}. */
    static Optional<Long> peakRssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Resets the peak RSS to the current RSS (writing 5 to {@code clear_refs}, Linux 4.0+), so the
     * next {@link #peakRssBytes} is the peak of what ran since. False when the kernel refused.
     */
    static boolean resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
