package io.actorpreload.demo;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.learner.ActorTypeLearning;
import io.actorpreload.runner.ActorTypeStartups;
import java.io.PrintStream;
import java.util.List;

/**
 * The learning phase's table: KV round trips per start for the first starts and after learning,
 * how many starts learning took, preloaded and unused bytes, wrong answers, and the per-type
 * metrics of the runner and the learner. Passes when the last starts make no round trip and every
 * answer was right.
 */
final class LearningSummary {
    /** The starts averaged at each end of the run. */
    static final int EDGE = 10;

    /** One start as the runner saw it. */
    record Start(
            PreloadStatus status, int roundTrips, long preloadedBytes, long unusedBytes, List<String> mismatches) {}

    private final String actorType;
    private final int requested;
    private final List<Start> starts;
    private final ActorTypeStartups runnerMetrics;
    private final ActorTypeLearning learnerStatus;
    private final long reportsDropped;

    LearningSummary(
            String actorType,
            int requested,
            List<Start> starts,
            ActorTypeStartups runnerMetrics,
            ActorTypeLearning learnerStatus,
            long reportsDropped) {
        this.actorType = actorType;
        this.requested = requested;
        this.starts = List.copyOf(starts);
        this.runnerMetrics = runnerMetrics;
        this.learnerStatus = learnerStatus;
        this.reportsDropped = reportsDropped;
    }

    /** The 1-based number of the first start from which every later start made no round trip; -1 if none. */
    int startsToLearn() {
        int first = -1;
        for (int i = starts.size() - 1; i >= 0 && starts.get(i).roundTrips() == 0; i--) {
            first = i + 1;
        }
        return first;
    }

    long wrongAnswers() {
        return starts.stream().mapToLong(s -> s.mismatches().size()).sum();
    }

    boolean passed() {
        return starts.size() == requested && startsToLearn() > 0 && wrongAnswers() == 0;
    }

    void print(PrintStream out) {
        out.println();
        out.println("learned manifest summary (" + actorType + ": no declared manifest, learning on)");
        out.println("--------------------------------------------------------------");
        row(out, "starts", "%d of %d".formatted(starts.size(), requested));
        row(
                out,
                "KV round trips per start",
                "first %d: %.1f; last %d: %.1f"
                        .formatted(
                                Math.min(EDGE, starts.size()), mean(starts.subList(0, Math.min(EDGE, starts.size()))),
                                Math.min(EDGE, starts.size()),
                                        mean(starts.subList(Math.max(0, starts.size() - EDGE), starts.size()))));
        int learned = startsToLearn();
        row(
                out,
                "learning took",
                learned > 0
                        ? "%d starts (start %d on made 0 round trips)".formatted(learned - 1, learned)
                        : "did not converge");
        List<Start> after = learned > 0 ? starts.subList(learned - 1, starts.size()) : List.of();
        row(
                out,
                "bytes preloaded per start",
                "%,.0f after learning"
                        .formatted(after.stream()
                                .mapToLong(Start::preloadedBytes)
                                .average()
                                .orElse(0)));
        row(
                out,
                "unused preloaded bytes",
                "%,.0f per start after learning"
                        .formatted(after.stream()
                                .mapToLong(Start::unusedBytes)
                                .average()
                                .orElse(0)));
        row(out, "wrong answers", Long.toString(wrongAnswers()));
        row(out, "start-up reports dropped", Long.toString(reportsDropped));
        if (runnerMetrics != null) {
            row(
                    out,
                    "runner: " + actorType,
                    "%d starts, %.2f round trips per start, %,d bytes preloaded, %,d unused"
                            .formatted(
                                    runnerMetrics.starts(),
                                    runnerMetrics.roundTripsPerStart(),
                                    runnerMetrics.preloadedBytes(),
                                    runnerMetrics.unusedPreloadedBytes()));
        }
        if (learnerStatus != null) {
            row(
                    out,
                    "learner: " + actorType,
                    "manifest in force %s v%d, window of %d: %.2f round trips per start, %,.0f bytes "
                                    .formatted(
                                            learnerStatus.origin(),
                                            learnerStatus.versionInForce(),
                                            learnerStatus.windowStarts(),
                                            learnerStatus.roundTripsPerStart(),
                                            learnerStatus.preloadedBytesPerStart())
                            + "preloaded, %,.0f unused".formatted(learnerStatus.unusedBytesPerStart()));
        }
        out.println("--------------------------------------------------------------");
        starts.stream().flatMap(s -> s.mismatches().stream()).limit(20).forEach(m -> out.println("  MISMATCH " + m));
        out.println(
                passed()
                        ? "PASS: learning reached 0 KV round trips per start and every answer was right."
                        : "FAIL: learning did not reach 0 round trips per start, or an answer was wrong.");
    }

    private static double mean(List<Start> starts) {
        return starts.stream().mapToInt(Start::roundTrips).average().orElse(0);
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf("%-28s %s%n", name, value);
    }
}
