package io.actorpreload.benchmarks;

import io.actorpreload.benchmarks.e2e.PipelineBenchmark;
import io.actorpreload.benchmarks.e2e.RunnerDrainBenchmark;
import io.actorpreload.benchmarks.jmh.JmhSuite;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.benchmarks.startup.StartupBenchmark;
import io.actorpreload.benchmarks.store.StoreLatencyBenchmark;
import io.actorpreload.benchmarks.store.TopologyLatencyBenchmark;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs the whole benchmark set — the JMH benchmarks, runner start-up with and without preload,
 * the preload's sensitivity to store latency, and the end-to-end pipeline — and prints one table
 * at the end. Arguments name the parts to run ({@code jmh startup store store-topology e2e
 * runner-drain}); none runs them all.
 * A part that fails is reported and the others still run; the exit code is then 1 (2 for bad usage).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Runs the benchmark set and prints one table of each figure beside its baseline.")
public final class BenchmarkSuite implements Callable<Integer> {

    @Parameters(
            arity = "0..*",
            paramLabel = "<part>",
            description = "parts to run, any of: jmh startup store store-topology e2e runner-drain " + "(default: all)")
    private List<String> chosen = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    /** A part of the set: runs and adds its figures to the table. */
    @FunctionalInterface
    private interface Part {
        void run(ResultTable table) throws Exception;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkSuite()).execute(args));
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("jmh", JmhSuite::run);
        parts.put("startup", table -> new StartupBenchmark(out).run(table));
        parts.put("store", table -> new StoreLatencyBenchmark(out).run(table));
        parts.put("store-topology", table -> new TopologyLatencyBenchmark(out).run(table));
        parts.put("e2e", table -> new PipelineBenchmark(out).run(table));
        parts.put("runner-drain", table -> new RunnerDrainBenchmark(out).run(table));
        for (String name : chosen) {
            if (!parts.containsKey(name)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "unknown part '" + name + "': choose any of " + String.join(" ", parts.keySet()));
            }
        }
        if (chosen.isEmpty()) {
            chosen = List.copyOf(parts.keySet());
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
        out.printf(
                "=== results: %d cores, max heap %d MiB, %s %s, Java %s; took %s (total %.0f s) ===%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"),
                String.join(", ", timings),
                (System.nanoTime() - suiteStart) / 1e9);
        table.print(out);
        if (!failures.isEmpty()) {
            out.println("FAILED parts: " + String.join("; ", failures));
            return 1;
        }
        return 0;
    }
}
