package io.actorpreload.benchmarks.store;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.benchmarks.fixtures.ActorShape;
import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.localstack.Directories;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Sensitivity of the topology to store latency: preloads per second on one thread — what one
 * stream thread does, since the processor calls the {@link Preloader} and waits for it — with every
 * store read delayed by 0, 0.5 or 2 ms ({@link DelayedPreloadStore}: the read future completes
 * later, nobody blocks, so reads issued together overlap).
 *
 * <p>Beside each rate: the rate at 0 ms (baseline); with latency, the most reads in flight
 * together, and the round-trip "waves" per preload ((time per preload − time at 0 ms) /
 * latency) against the reads per preload: waves equal to reads means the preload serialises every
 * round trip; fewer waves mean its reads overlap.
 */
public final class StoreLatencyBenchmark {
    private static final List<Duration> LATENCIES =
            List.of(Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(2));
    private static final int ACTORS_PER_SHAPE = 20;

    private final PrintStream out;

    public StoreLatencyBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs every shape at every latency; adds the figures to {@code table}. */
    public void run(ResultTable table) throws IOException {
        Path directory = Files.createTempDirectory("bench-store-latency");
        try {
            try (RocksDbPreloadStore seeded = RocksDbPreloadStore.open(directory)) {
                seed(seeded);
            }
            for (ActorShape shape : ActorShape.values()) {
                double baselineMicros = 0;
                for (Duration latency : LATENCIES) {
                    try (DelayedPreloadStore store =
                            new DelayedPreloadStore(RocksDbPreloadStore.open(directory), latency)) {
                        Preloader preloader = new Preloader(store, PreloadSettings.defaults());
                        preloadAll(preloader, shape, warmups(latency));
                        store.resetCounters();
                        int preloads = preloads(latency);
                        long start = System.nanoTime();
                        preloadAll(preloader, shape, preloads);
                        double micros = (System.nanoTime() - start) / 1e3 / preloads;
                        if (latency.isZero()) {
                            baselineMicros = micros;
                        }
                        report(
                                table,
                                shape,
                                latency,
                                micros,
                                baselineMicros,
                                (double) store.reads() / preloads,
                                store.maxInFlight());
                    }
                }
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    private void report(
            ResultTable table,
            ActorShape shape,
            Duration latency,
            double micros,
            double baselineMicros,
            double readsPerPreload,
            int maxInFlight) {
        String scenario = "%s, store latency %s ms".formatted(shape.label(), latency.toNanos() / 1e6);
        double rate = 1e6 / micros;
        table.add(Figure.vs(
                "store latency", scenario, "commands/s per stream thread", rate, "at 0 ms", 1e6 / baselineMicros));
        if (!latency.isZero()) {
            double waves = (micros - baselineMicros) / (latency.toNanos() / 1e3);
            table.add(Figure.vs(
                    "store latency", scenario, "round-trip waves/preload", waves, "reads/preload", readsPerPreload));
            table.add(Figure.of("store latency", scenario, "max reads in flight", maxInFlight));
        }
        out.printf(
                "store latency %-30s %8.0f preloads/s, %5.1f reads/preload, max %d in flight%n",
                scenario, rate, readsPerPreload, maxInFlight);
    }

    private static void seed(RocksDbPreloadStore store) {
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        Random random = new Random(7);
        for (ActorShape shape : ActorShape.values()) {
            for (int i = 0; i < ACTORS_PER_SHAPE; i++) {
                writer.put(actorId(shape, i), shape.records(random, Instant.now()));
            }
        }
    }

    private static void preloadAll(Preloader preloader, ActorShape shape, int count) {
        for (int i = 0; i < count; i++) {
            PreloadOutcome outcome = preloader.preload(actorId(shape, i % ACTORS_PER_SHAPE), shape.manifest());
            if (outcome.status() != PreloadStatus.PRELOADED) {
                throw new IllegalStateException("a preload of the " + shape.label() + " actor failed: " + outcome);
            }
        }
    }

    private static int warmups(Duration latency) {
        return latency.isZero() ? 500 : 20;
    }

    private static int preloads(Duration latency) {
        return latency.isZero() ? 1000 : 100;
    }

    private static String actorId(ActorShape shape, int index) {
        return "store-%s-%03d".formatted(shape.name().toLowerCase(), index);
    }

    /** Runs this benchmark alone and prints its table. */
    public static void main(String[] args) throws IOException {
        ResultTable table = new ResultTable();
        new StoreLatencyBenchmark(System.out).run(table);
        table.print(System.out);
    }
}
