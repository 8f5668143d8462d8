package io.actorpreload.benchmarks.startup;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.benchmarks.fixtures.ActorShape;
import io.actorpreload.benchmarks.fixtures.LatencyInjectingKvClient;
import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.demo.StartupReads;
import io.actorpreload.localstack.Directories;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.testkit.StoreKvClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Actor start-up on the runner, preload versus no preload: the handler-side work alone, no Kafka.
 * With preload: build the {@link PreloadMap} from a {@link PreloadedKv} made by a real preload
 * ({@link Preloader} on RocksDB) and make the actor's {@link StartupReads} through an
 * {@code ActorStartup}'s KV view. Without: the same reads through a view without preload, so each goes to the
 * KV client. The KV client reads RocksDB behind a {@link LatencyInjectingKvClient} (0, 0.5 and 2 ms
 * per call), so round trips cost what a networked store's would.
 *
 * <p>Reported per shape and latency: mean start-up time per actor and KV round trips per actor, for
 * both, and their ratio (baseline: no preload). One thread; the store is local and warm.
 */
public final class StartupBenchmark {
    private static final List<Duration> LATENCIES =
            List.of(Duration.ZERO, Duration.ofNanos(500_000), Duration.ofMillis(2));
    private static final int WARMUP_STARTS = 2000;

    private final PrintStream out;

    public StartupBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs every shape at every latency; adds the figures to {@code table}. */
    public void run(ResultTable table) throws IOException {
        Path directory = Files.createTempDirectory("bench-startup");
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(directory)) {
            Map<ActorShape, PreloadedKv> preloads = seedAndPreload(store);
            ActorKvReader reader = new ActorKvReader(store);
            ActorKvWriter writer = new ActorKvWriter(store);
            for (ActorShape shape : ActorShape.values()) {
                measure(shape, preloads.get(shape), reader, writer, Duration.ZERO, WARMUP_STARTS);
            }
            for (Duration latency : LATENCIES) {
                for (ActorShape shape : ActorShape.values()) {
                    Result result = measure(shape, preloads.get(shape), reader, writer, latency, starts(latency));
                    String scenario = "%s, KV latency %s".formatted(shape.label(), millis(latency));
                    table.add(Figure.vs(
                            "startup",
                            scenario,
                            "start-up us/actor",
                            result.preloadedMicros,
                            "no preload",
                            result.plainMicros));
                    table.add(Figure.vs(
                            "startup",
                            scenario,
                            "KV round trips/actor",
                            result.preloadedRoundTrips,
                            "no preload",
                            result.plainRoundTrips));
                    out.printf(
                            "startup %-28s preload %9.1f us %4.1f trips | no preload %9.1f us %4.1f trips%n",
                            scenario,
                            result.preloadedMicros,
                            result.preloadedRoundTrips,
                            result.plainMicros,
                            result.plainRoundTrips);
                }
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    private static Map<ActorShape, PreloadedKv> seedAndPreload(RocksDbPreloadStore store) {
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        Preloader preloader = new Preloader(store, PreloadSettings.defaults());
        Random random = new Random(42);
        Map<ActorShape, PreloadedKv> preloads = new EnumMap<>(ActorShape.class);
        for (ActorShape shape : ActorShape.values()) {
            writer.put(actorId(shape), shape.records(random, Instant.now()));
            PreloadOutcome outcome = preloader.preload(actorId(shape), shape.manifest());
            preloads.put(
                    shape,
                    outcome.preloadedKv()
                            .orElseThrow(() -> new IllegalStateException(
                                    "the preload of the " + shape.label() + " actor failed: " + outcome)));
        }
        return preloads;
    }

    private static Result measure(
            ActorShape shape,
            PreloadedKv preloaded,
            ActorKvReader reader,
            ActorKvWriter writer,
            Duration latency,
            int starts) {
        String actorId = actorId(shape);
        StartActorCommand command = StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("bench")
                .setActorName(shape.name())
                .setRunnerId("bench")
                .setRequestedAt(Instant.now())
                .setPreloadedKv(preloaded)
                .setPreloadStatus(PreloadStatus.PRELOADED)
                .build();
        long preloadedNanos = 0;
        long preloadedTrips = 0;
        long plainNanos = 0;
        long plainTrips = 0;
        for (int i = 0; i < starts; i++) {
            LatencyInjectingKvClient kv = new LatencyInjectingKvClient(
                    new StoreKvClient(actorId, reader, writer, Clock.systemUTC()), latency);
            long start = System.nanoTime();
            startUp(command, PreloadMap.of(preloaded), kv);
            preloadedNanos += System.nanoTime() - start;
            preloadedTrips += kv.roundTrips();

            kv = new LatencyInjectingKvClient(new StoreKvClient(actorId, reader, writer, Clock.systemUTC()), latency);
            start = System.nanoTime();
            startUp(command, PreloadMap.none(), kv);
            plainNanos += System.nanoTime() - start;
            plainTrips += kv.roundTrips();
        }
        return new Result(
                preloadedNanos / 1e3 / starts,
                (double) preloadedTrips / starts,
                plainNanos / 1e3 / starts,
                (double) plainTrips / starts);
    }

    private static void startUp(StartActorCommand command, PreloadMap preload, LatencyInjectingKvClient kv) {
        try (ActorStartup startup = new ActorStartup(command, preload, kv)) {
            StartupReads.readAll(startup.kv());
        }
    }

    /** Enough starts for a stable mean, few enough that 2 ms round trips stay within seconds. */
    private static int starts(Duration latency) {
        if (latency.isZero()) {
            return 2000;
        }
        return latency.toNanos() <= 500_000 ? 300 : 100;
    }

    private static String actorId(ActorShape shape) {
        return "startup-" + shape.name().toLowerCase(Locale.ROOT);
    }

    private static String millis(Duration latency) {
        return latency.toNanos() / 1e6 + " ms";
    }

    private record Result(
            double preloadedMicros, double preloadedRoundTrips, double plainMicros, double plainRoundTrips) {}

    /** Runs this benchmark alone and prints its table. */
    public static void main(String[] args) throws IOException {
        ResultTable table = new ResultTable();
        new StartupBenchmark(System.out).run(table);
        table.print(System.out);
    }
}
