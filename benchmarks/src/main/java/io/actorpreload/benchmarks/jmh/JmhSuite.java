package io.actorpreload.benchmarks.jmh;

import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks (packages {@code benchmarks.preload}, {@code benchmarks.runner} and
 * {@code benchmarks.compression}) with one short, fixed setting — 1 fork, 2 warm-up and 3 measurement
 * iterations of 1 s — and puts each score beside its baseline: within one class and one set of
 * parameters, {@code xPreloadMap} stands beside {@code xTreeMap}, and any other benchmark beside
 * the class's benchmark named "...Baseline...". JMH's own report is printed as it runs.
 */
public final class JmhSuite {
    /** The benchmarks this suite runs: every JMH benchmark of those packages. */
    static final String INCLUDE = "io\\.actorpreload\\.benchmarks\\.(preload|runner|compression)\\..*";

    private JmhSuite() {}

    /** Runs the benchmarks; adds their scores to {@code table}. */
    public static void run(ResultTable table) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(INCLUDE)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .build();
        report(new Runner(options).run(), table);
    }

    static void report(Collection<RunResult> results, ResultTable table) {
        Map<String, RunResult> byKey = new TreeMap<>();
        for (RunResult result : results) {
            byKey.put(key(result), result);
        }
        Map<String, List<String>> methodsByGroup = new HashMap<>();
        for (RunResult result : byKey.values()) {
            methodsByGroup
                    .computeIfAbsent(group(result), g -> new java.util.ArrayList<>())
                    .add(method(result));
        }
        for (RunResult result : byKey.values()) {
            String group = group(result);
            String scenario = className(result) + "." + method(result) + params(result);
            String figure = "score " + result.getPrimaryResult().getScoreUnit();
            double score = result.getPrimaryResult().getScore();
            Optional<RunResult> baseline = baselineMethod(method(result), methodsByGroup.get(group))
                    .map(name -> byKey.get(group + "#" + name));
            table.add(baseline.map(b -> Figure.vs(
                            "jmh",
                            scenario,
                            figure,
                            score,
                            method(b),
                            b.getPrimaryResult().getScore()))
                    .orElseGet(() -> Figure.of("jmh", scenario, figure, score)));
        }
    }

    static Optional<String> baselineMethod(String method, List<String> methodsOfGroup) {
        if (method.endsWith("PreloadMap")) {
            String treeMap = method.substring(0, method.length() - "PreloadMap".length()) + "TreeMap";
            return methodsOfGroup.contains(treeMap) ? Optional.of(treeMap) : Optional.empty();
        }
        if (method.endsWith("TreeMap") || method.toLowerCase().contains("baseline")) {
            return Optional.empty();
        }
        return methodsOfGroup.stream()
                .filter(m -> m.toLowerCase().contains("baseline"))
                .findFirst();
    }

    private static String key(RunResult result) {
        return group(result) + "#" + method(result);
    }

    /** The class and parameters: benchmarks compared with each other share both. */
    private static String group(RunResult result) {
        return className(result) + params(result);
    }

    private static String className(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    private static String method(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static String params(RunResult result) {
        Collection<String> keys = result.getParams().getParamsKeys();
        if (keys.isEmpty()) {
            return "";
        }
        return keys.stream()
                .map(k -> k + "=" + result.getParams().getParam(k))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Runs the JMH benchmarks alone and prints the table. */
    public static void main(String[] args) throws RunnerException {
        ResultTable table = new ResultTable();
        run(table);
        table.print(System.out);
    }
}
