package io.actorpreload.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CPU time and peak memory of a process, read from Linux's {@code /proc/<pid>}: {@code utime + stime}
 * of {@code stat} (of the process, or of its JIT compiler threads), {@code VmHWM} of {@code status}.
 * Elsewhere (no {@code /proc}) every figure is empty. Stateless.
 */
final class ProcessFigures {
    /** USER_HZ: Linux reports {@code stat} times in 1/100 s on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessFigures() {}

    /** CPU seconds (user + system) the process has used so far. */
    static Optional<Double> cpuSeconds(long pid) {
        try {
            return Optional.of(cpuTicks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * CPU seconds HotSpot's JIT compiler threads ({@code C1/C2 CompilerThread<n>}) of these JVMs have
     * used so far. HotSpot starts and stops compiler threads beyond the first of each kind as its queue
     * grows and shrinks, so the difference of two readings is approximate: a thread that ended between
     * them takes its whole time out of the second reading.
     */
    /** The CPU seconds of all of {@code pids} together (e.g. every broker of a cluster); empty when one is unreadable. */
    static Optional<Double> cpuSeconds(List<Long> pids) {
        double total = 0;
        for (long pid : pids) {
            Optional<Double> seconds = cpuSeconds(pid);
            if (seconds.isEmpty()) {
                return Optional.empty();
            }
            total += seconds.get();
        }
        return Optional.of(total);
    }

    static Optional<Double> compilerCpuSeconds(List<Long> pids) {
        long ticks = 0;
        try {
            for (long pid : pids) {
                try (DirectoryStream<Path> tasks =
                        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                    for (Path task : tasks) {
                        try {
                            String name = Files.readString(task.resolve("comm"));
                            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                                ticks += cpuTicks(task.resolve("stat"));
                            }
                        } catch (IOException e) {
                            // the thread ended while we looked
                        }
                    }
                }
            }
            return Optional.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long cpuTicks(Path stat) throws IOException {
        String text = Files.readString(stat);
        // The command name (field 2) may hold spaces; the fields after its closing ')' do not.
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
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
