package io.actorpreload.benchmarks;

import io.actorpreload.benchmarks.e2e.PipelineBenchmark;
import io.actorpreload.benchmarks.jmh.JmhSuite;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.benchmarks.startup.StartupBenchmark;
import io.actorpreload.benchmarks.store.StoreLatencyBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the whole benchmark set — the JMH benchmarks, runner start-up with and without preload,
 * the preload's sensitivity to store latency, and the end-to-end pipeline — and prints one table
 * at the end. Arguments name the parts to run ({@code jmh startup store e2e}); none runs them all.
 * A part that fails is reported and the others still run; the exit code is then 1.
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {
    }

    /** A part of the set: runs and adds its figures to the table. */
    @FunctionalInterface
    private interface Part {
        void run(ResultTable table) throws Exception;
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("jmh", JmhSuite::run);
        parts.put("startup", table -> new StartupBenchmark(out).run(table));
        parts.put("store", table -> new StoreLatencyBenchmark(out).run(table));
        parts.put("e2e", table -> new PipelineBenchmark(out).run(table));
        List<String> chosen = args.length == 0 ? List.copyOf(parts.keySet()) : List.of(args);
        for (String name : chosen) {
            if (!parts.containsKey(name)) {
                System.err.println("Unknown part '" + name + "'. Choose any of: " + String.join(" ", parts.keySet()));
                System.exit(2);
            }
        }
        ResultTable table = new ResultTable();
        List<String> timings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long suiteStart = System.nanoTime();
        for (String name : chosen) {
            out.println("=== " + name + " ===");
            long start = System.nanoTime();
            try {
                parts.get(name).run(table);
            } catch (Exception | LinkageError e) {
                failures.add(name + ": " + e);
                e.printStackTrace(out);
            }
            timings.add(String.format(Locale.ROOT, "%s %.0f s", name, (System.nanoTime() - start) / 1e9));
        }
        out.println();
        out.printf("=== results: %d cores, max heap %d MiB, %s %s, Java %s; took %s (total %.0f s) ===%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                String.join(", ", timings), (System.nanoTime() - suiteStart) / 1e9);
        table.print(out);
        if (!failures.isEmpty()) {
            out.println("FAILED parts: " + String.join("; ", failures));
            System.exit(1);
        }
    }
}
