package io.actorpreload.benchmarks.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One measured figure with, where there is one, the baseline it is compared with. Immutable.
 *
 * @param benchmark which benchmark measured it, e.g. "e2e"
 * @param scenario the conditions, e.g. "full speed, 16 KiB"
 * @param name what was measured, e.g. "commands/s"
 * @param value the measured value
 * @param baselineName what the baseline is, e.g. "no preload"; empty when there is none
 * @param baseline the baseline's value; empty when there is none
 */
public record Figure(
        String benchmark, String scenario, String name, double value, String baselineName, OptionalDouble baseline) {
    public Figure {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(baseline, "baseline");
    }

    /** A figure without a baseline. */
    public static Figure of(String benchmark, String scenario, String name, double value) {
        return new Figure(benchmark, scenario, name, value, "", OptionalDouble.empty());
    }

    /** A figure beside its baseline. */
    public static Figure vs(
            String benchmark, String scenario, String name, double value, String baselineName, double baseline) {
        return new Figure(benchmark, scenario, name, value, baselineName, OptionalDouble.of(baseline));
    }

    /** value / baseline; empty without a baseline or when the baseline is 0. */
    public OptionalDouble ratio() {
        if (baseline.isEmpty() || baseline.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(value / baseline.getAsDouble());
    }
}
