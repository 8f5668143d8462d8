package io.actorpreload.benchmarks.e2e;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.benchmarks.fixtures.ActorShape;
import io.actorpreload.benchmarks.fixtures.PageContent;
import io.actorpreload.benchmarks.fixtures.TopologyOverrides;
import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.demo.LocalTopics;
import io.actorpreload.localstack.Directories;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.runner.OffsetCommits;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole pipeline under load, on the stack of the main job: a real KRaft broker and Apicurio
 * registry ({@link LocalStack}), a RocksDB store seeded with actors of every {@link Workload} (each
 * {@link ActorShape}, and the demo's mix of actor kinds; their
 * SQLite page values random bytes, or real SQLite pages with {@value #PAGES_PROPERTY}{@code =sqlite}), the
 * preload topology as a child process of its own ({@link TopologyProcess}, exactly_once_v2, one
 * stream thread, commits paced by the topology at least 20 ms and at most 100 ms apart as in the
 * sample configuration, or at most each of {@value #COMMIT_INTERVALS_PROPERTY} apart; the topology's
 * compression, or each of {@value #COMPRESSIONS_PROPERTY}), and one runner
 * ({@link RunnerClient}) in this process whose handler reads the start-up keys through the view; the
 * scenarios run once per {@link OffsetCommits} of the runner ({@value #RUNNER_COMMITS_PROPERTY}).
 *
 * <p>Per scenario (each shape, at a fixed rate and at full speed): commands per second, latency
 * from handing the request to the producer to the runner's handler (p50, p99, max), preload bytes
 * per second, and the CPU seconds and peak RSS of the topology's process during the scenario (and
 * the broker's CPU, to see who is busy), and the CPU seconds the JIT compilers of the topology, the
 * broker and this process used meanwhile (a figure near 0 says the JVMs were warm). Figures of a shape
 * with a preload stand beside the same load without one (0 B). A warm-up load runs first and is not
 * reported: by default 90 s at 500/s, long enough for the JIT compilers of the three JVMs to settle, so
 * the scenarios do not measure them.
 *
 * <p>Peak RSS is the process's high-water mark during the scenario, reset before it
 * ({@code clear_refs}); a JVM rarely gives memory back, so it also shows what earlier scenarios grew.
 *
 * <p>Everything started is stopped by its own handle at the end, also on failure. Deliberately not
 * done: several runners or stream threads (2 cores), and a warm store being flushed between
 * scenarios (actors are reused with new generations, so their rows stay in RocksDB's cache).
 */
public final class PipelineBenchmark {
    private static final String RUNNER_ID = "bench-runner-1";
    private static final int FIXED_RATE = 200;
    private static final long IDLE_TIMEOUT_MILLIS = 30_000;
    private static final long FIRST_COMMAND_TIMEOUT_MILLIS = 180_000;

    private final PrintStream out;
    private long nextGeneration = 1;

    public PipelineBenchmark(PrintStream out) {
        this.out = out;
    }

    /** System property: the scenarios to run, {@code rate:SHAPE[:requests]} separated by commas (rate 0: full speed). */
    static final String SCENARIOS_PROPERTY = "bench.e2e.scenarios";
    /** System property: Streams commit intervals (ms) to run every scenario at, one topology process each; default the sample's 100. */
    /** System property: the broker counts to run the scenarios on, e.g. {@code 1,3} (one stack each; default 1). */
    static final String BROKERS_PROPERTY = "bench.e2e.brokers";

    static final String COMMIT_INTERVALS_PROPERTY = "bench.e2e.commit.intervals.ms";
    /** System property: the load before the scenarios of each topology process, one {@code rate:SHAPE:requests} item. */
    static final String WARMUP_PROPERTY = "bench.e2e.warmup";

    static final String DEFAULT_WARMUP = "500:SMALL:45000";
    /** System property: the runner's {@link OffsetCommits} to run the scenarios with, in order, separated by commas. */
    static final String RUNNER_COMMITS_PROPERTY = "bench.e2e.runner.commits";
    /** System property: the topology producer's {@code compression.type}s to run every scenario at, one topology process each; default the topology's own (none). */
    static final String COMPRESSIONS_PROPERTY = "bench.e2e.compressions";
    /** System property: what the actors' SQLite page values hold, {@link PageContent}: {@code random} (the default) or {@code sqlite} (real pages). */
    static final String PAGES_PROPERTY = "bench.e2e.pages";

    /** The scenarios, in the order they run: counts kept modest so the whole run fits on 2 cores. */
    static List<LoadScenario> scenarios() {
        String chosen = System.getProperty(SCENARIOS_PROPERTY, "");
        if (!chosen.isBlank()) {
            return parseScenarios(chosen);
        }
        List<LoadScenario> scenarios = new ArrayList<>();
        for (ActorShape shape : ActorShape.values()) {
            scenarios.add(new LoadScenario(new Workload.OfShape(shape), FIXED_RATE, 10 * FIXED_RATE));
        }
        // Fixed rates for 16 KiB starts, 10 s each: the rates the latency goals are set at (docs/BENCHMARKS.md).
        Workload small = new Workload.OfShape(ActorShape.SMALL);
        scenarios.add(new LoadScenario(small, 1_000, 10_000));
        scenarios.add(new LoadScenario(small, 2_500, 25_000));
        for (ActorShape shape : ActorShape.values()) {
            Workload workload = new Workload.OfShape(shape);
            scenarios.add(new LoadScenario(workload, 0, workload.fullSpeedRequests()));
        }
        // The commands of bin/demo --burst --actors 3000, so the demo can be compared with the same bytes.
        scenarios.add(new LoadScenario(Workload.DEMO_MIX, 0, Workload.DEMO_MIX.fullSpeedRequests()));
        return scenarios;
    }

    /** {@code 200:SMALL,0:EMPTY:5000,0:DEMO}: a fixed rate runs 10 s unless a count is given; full speed takes the usual count. */
    static List<LoadScenario> parseScenarios(String text) {
        List<LoadScenario> scenarios = new ArrayList<>();
        for (String item : text.split(",")) {
            String[] parts = item.trim().split(":");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException(
                        SCENARIOS_PROPERTY + " takes rate:SHAPE[:requests] items separated by commas" + " (shapes "
                                + java.util.Arrays.toString(ActorShape.values()) + " or DEMO), not '" + item + "'");
            }
            int rate = Integer.parseInt(parts[0].trim());
            Workload workload = Workload.parse(parts[1]);
            int requests = parts.length == 3
                    ? Integer.parseInt(parts[2].trim())
                    : rate > 0 ? 10 * rate : workload.fullSpeedRequests();
            scenarios.add(new LoadScenario(workload, rate, requests));
        }
        return scenarios;
    }

    static LoadScenario warmup() {
        List<LoadScenario> warmup = parseScenarios(System.getProperty(WARMUP_PROPERTY, DEFAULT_WARMUP));
        if (warmup.size() != 1) {
            throw new IllegalArgumentException(
                    WARMUP_PROPERTY + " takes one rate:SHAPE[:requests] item, not " + warmup.size());
        }
        return warmup.get(0);
    }

    static List<OffsetCommits> runnerCommits() {
        return java.util.Arrays.stream(System.getProperty(RUNNER_COMMITS_PROPERTY, "EACH_COMMAND,EACH_POLL")
                        .split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(OffsetCommits::valueOf)
                .toList();
    }

    /** The compressions to run at; one empty item (the topology's default) unless the property gives them. */
    static List<String> compressions() {
        List<String> given = java.util.Arrays.stream(
                        System.getProperty(COMPRESSIONS_PROPERTY, "").split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        return given.isEmpty() ? List.of("") : given;
    }

    static PageContent pageContent() {
        return PageContent.valueOf(
                System.getProperty(PAGES_PROPERTY, "random").trim().toUpperCase(java.util.Locale.ROOT));
    }

    static List<Integer> commitIntervals() {
        return java.util.Arrays.stream(
                        System.getProperty(COMMIT_INTERVALS_PROPERTY, "100").split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(Integer::parseInt)
                .toList();
    }

    /**
     * Starts the stack (once per broker count of {@value #BROKERS_PROPERTY}), runs every scenario, stops
     * everything; adds the figures to {@code table}.
     */
    public void run(ResultTable table) throws Exception {
        Path workDir = Files.createTempDirectory("bench-e2e").toAbsolutePath();
        List<Integer> brokerCounts = brokerCounts();
        try {
            for (int brokers : brokerCounts) {
                out.printf("e2e: starting %d broker%s and the registry ...%n", brokers, brokers == 1 ? "" : "s");
                Path dir = workDir.resolve("brokers-" + brokers);
                try (LocalStack stack = brokers == 1
                        ? LocalStack.start(dir.resolve("stack"))
                        : LocalStack.startReplicated(dir.resolve("stack"))) {
                    run(
                            stack,
                            dir,
                            table,
                            brokerCounts.size() > 1 ? ", " + brokers + " broker" + (brokers == 1 ? "" : "s") : "");
                }
            }
        } finally {
            Directories.deleteRecursively(workDir);
        }
    }

    static List<Integer> brokerCounts() {
        return java.util.Arrays.stream(System.getProperty(BROKERS_PROPERTY, "1").split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .map(Integer::parseInt)
                .toList();
    }

    private void run(LocalStack stack, Path workDir, ResultTable table, String brokersVariant) throws Exception {
        Path storeDir = workDir.resolve("store");
        PageContent pages = pageContent();
        out.printf(
                "e2e: seeding %d actors of each shape and %d of the demo's mix into RocksDB (SQLite page values: %s) ...%n",
                Workload.OfShape.ACTORS, Workload.DemoMix.ACTORS, pages.label());
        try (RocksDbPreloadStore store = RocksDbPreloadStore.open(storeDir)) {
            seed(store, pages);
        }
        LocalTopics.create(stack.bootstrapServers());
        try (ManifestPublisher publisher =
                ManifestPublisher.create(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
            for (Workload workload : Workload.all()) {
                workload.manifests().forEach(publisher::publish);
            }
        }
        MeasuringHandler handler = new MeasuringHandler();
        List<Integer> intervals = commitIntervals();
        List<String> compressions = compressions();
        try (KafkaProducer<String, ActorStartRequested> producer = producer(stack)) {
            int process = 0;
            for (int interval : intervals) {
                for (String compression : compressions) {
                    String variant = brokersVariant
                            + (intervals.size() > 1 ? ", commit " + interval + " ms" : "")
                            + (compressions.size() > 1 ? ", " + compression : "")
                            + (pages == PageContent.RANDOM ? "" : ", " + pages.label());
                    out.printf(
                            "e2e: topology process %d: commit interval %d ms, compression %s%n",
                            ++process, interval, compression.isEmpty() ? "the topology's default" : compression);
                    try (TopologyProcess topology = TopologyProcess.start(
                            workDir.resolve("topology-" + process),
                            topologySettings(stack, storeDir, interval, compression))) {
                        out.printf("e2e: topology process %d started (log %s)%n", topology.pid(), topology.logFile());
                        runScenariosPerRunnerMode(new Driver(stack, topology, handler, producer), variant, table);
                    }
                }
            }
        }
    }

    /**
     * On a topology process started under the same application id as the ones before it (it goes on
     * from their committed offsets): warms it up, then runs the scenarios once per runner commit mode.
     */
    private void runScenariosPerRunnerMode(Driver driver, String variant, ResultTable table) throws Exception {
        boolean warm = false;
        for (OffsetCommits commits : runnerCommits()) {
            // One runner at a time, under the same id: each goes on from the offsets the one before committed.
            try (RunnerClient runner = RunnerClient.start(
                    RunnerConfig.builder(RUNNER_ID, driver.stack.bootstrapServers(), driver.stack.schemaRegistryUrl())
                            .offsetCommits(commits)
                            .build(),
                    driver.handler.kvClients(),
                    driver.handler)) {
                if (!warm) {
                    warmUp(driver, driver.topology);
                    warm = true;
                }
                runScenarios(
                        driver, variant + (commits == OffsetCommits.EACH_COMMAND ? "" : ", runner " + commits), table);
            }
        }
    }

    private void warmUp(Driver driver, TopologyProcess topology) throws InterruptedException {
        LoadScenario warmup = warmup();
        out.printf("e2e: warming up: %s, %d requests ...%n", warmup.label(), warmup.requests());
        Measured measured = driver.run(warmup, " (warm-up)", FIRST_COMMAND_TIMEOUT_MILLIS);
        if (measured.received() == 0) {
            throw new IllegalStateException("no start command reached the runner within "
                    + FIRST_COMMAND_TIMEOUT_MILLIS / 1000 + " s. " + topology.logTail());
        }
        out.println("e2e: " + measured.summary());
    }

    private void runScenarios(Driver driver, String suffix, ResultTable table) throws InterruptedException {
        Map<String, Measured> withoutPreload = new HashMap<>();
        for (LoadScenario scenario : scenarios()) {
            Measured measured = driver.run(scenario, suffix, IDLE_TIMEOUT_MILLIS);
            out.println("e2e: " + measured.summary());
            if (scenario.workload().isBaseline()) {
                withoutPreload.put(scenario.load(), measured);
            }
            measured.addTo(
                    table,
                    Optional.ofNullable(withoutPreload.get(scenario.load())).filter(baseline -> baseline != measured));
        }
    }

    private static void seed(RocksDbPreloadStore store, PageContent pages) {
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        Random random = new Random(42);
        for (Workload workload : Workload.all()) {
            for (Workload.Seeded actor : workload.seed(random, Instant.now())) {
                writer.put(actor.actorId(), pages.apply(actor.records()));
            }
        }
    }

    /** The sample configuration's settings (topology/config/actor-preload.properties) on this stack and store. */
    private static Map<String, String> topologySettings(
            LocalStack stack, Path storeDir, int commitIntervalMs, String compression) {
        Map<String, String> settings = new HashMap<>();
        settings.put("bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put("application.id", "actor-preload-bench");
        settings.put("store.type", "rocksdb");
        settings.put("store.rocksdb.data.dir", storeDir.toString());
        settings.put("streams.state.dir", storeDir.resolveSibling("streams").toString());
        settings.put("streams.processing.guarantee", "exactly_once_v2");
        settings.put("streams.producer.max.request.size", "2097152");
        settings.put("streams.commit.interval.ms", Integer.toString(commitIntervalMs));
        settings.put("streams.num.stream.threads", "1");
        if (!compression.isEmpty()) {
            settings.put("streams.producer.compression.type", compression);
        }
        settings.putAll(TopologyOverrides.fromSystemProperty());
        return settings;
    }

    private static KafkaProducer<String, ActorStartRequested> producer(LocalStack stack) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                1);
        return new KafkaProducer<>(config, new StringSerializer(), serde.serializer());
    }

    /** Sends one scenario's requests and measures what arrives. Used by one thread. */
    private final class Driver {
        private final LocalStack stack;
        private final TopologyProcess topology;
        private final MeasuringHandler handler;
        private final KafkaProducer<String, ActorStartRequested> producer;

        Driver(
                LocalStack stack,
                TopologyProcess topology,
                MeasuringHandler handler,
                KafkaProducer<String, ActorStartRequested> producer) {
            this.stack = stack;
            this.topology = topology;
            this.handler = handler;
            this.producer = producer;
        }

        Measured run(LoadScenario scenario, String labelSuffix, long idleMillis) throws InterruptedException {
            ScenarioRecorder recorder = new ScenarioRecorder(scenario.requests());
            handler.recordWith(recorder);
            long pid = topology.pid();
            // Every broker of the cluster: on a replicated one, replication is broker work too.
            List<Long> brokerPids = stack.brokers().nodes().stream()
                    .map(node -> node.processHandle().pid())
                    .toList();
            boolean peakReset = ProcessFigures.resetPeak(pid);
            Optional<Double> cpuBefore = ProcessFigures.cpuSeconds(pid);
            Optional<Double> brokerCpuBefore = ProcessFigures.cpuSeconds(brokerPids);
            long self = ProcessHandle.current().pid();
            Optional<Double> selfCpuBefore = ProcessFigures.cpuSeconds(self);
            Optional<Double> jitBefore = ProcessFigures.compilerCpuSeconds(jvms(pid, brokerPids, self));
            long start = System.nanoTime();
            for (int i = 0; i < scenario.requests(); i++) {
                if (scenario.ratePerSecond() > 0) {
                    long due = start + i * 1_000_000_000L / scenario.ratePerSecond();
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                }
                String actorId = scenario.workload().actorId(i);
                long generation = nextGeneration++;
                ActorStartRequested request = ActorStartRequested.newBuilder()
                        .setActorId(actorId)
                        .setGeneration(generation)
                        .setNamespace("bench")
                        .setActorName(scenario.workload().actorType(i))
                        .setRunnerId(RUNNER_ID)
                        .setRequestedAt(Instant.now())
                        .build();
                recorder.sent(actorId, generation);
                producer.send(new ProducerRecord<>(PipelineTopics.START_REQUESTS, actorId, request));
            }
            producer.flush();
            int received = recorder.awaitAll(idleMillis, topology::isAlive);
            if (!topology.isAlive()) {
                throw new IllegalStateException("the topology process exited. " + topology.logTail());
            }
            double seconds = (recorder.lastReceivedNanos() - start) / 1e9;
            return new Measured(
                    scenario,
                    labelSuffix,
                    received,
                    seconds,
                    recorder,
                    delta(cpuBefore, ProcessFigures.cpuSeconds(pid)),
                    peakReset ? ProcessFigures.peakRssBytes(pid) : Optional.empty(),
                    delta(brokerCpuBefore, ProcessFigures.cpuSeconds(brokerPids)),
                    delta(selfCpuBefore, ProcessFigures.cpuSeconds(self)),
                    delta(jitBefore, ProcessFigures.compilerCpuSeconds(jvms(pid, brokerPids, self))));
        }

        private static Optional<Double> delta(Optional<Double> before, Optional<Double> after) {
            return before.flatMap(b -> after.map(a -> a - b));
        }
    }

    /** The figures of one scenario. */
    private record Measured(
            LoadScenario scenario,
            String labelSuffix,
            int received,
            double seconds,
            ScenarioRecorder recorder,
            Optional<Double> topologyCpuSeconds,
            Optional<Long> topologyPeakRss,
            Optional<Double> brokerCpuSeconds,
            /** This process: the runner and the load driver that sends the requests. */
            Optional<Double> runnerCpuSeconds,
            Optional<Double> jitCpuSeconds) {

        /** CPU microseconds per start of {@code cpuSeconds}: what carries to a machine where each process has its own cores. */
        Optional<Double> perStartMicros(Optional<Double> cpuSeconds) {
            return received > 0 ? cpuSeconds.map(cpu -> cpu * 1e6 / received) : Optional.empty();
        }

        double commandsPerSecond() {
            return seconds > 0 ? received / seconds : 0;
        }

        double mebibytesPerSecond() {
            return seconds > 0 ? recorder.preloadBytes() / seconds / (1024 * 1024) : 0;
        }

        String summary() {
            return ("%-22s %d/%d commands in %.1f s: %.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms (to the preload read "
                                    + "p50 %.0f, p99 %.0f ms; from it p50 %.0f, p99 %.0f ms), %.1f MiB/s, ")
                            .formatted(
                                    scenario.label() + labelSuffix,
                                    received,
                                    scenario.requests(),
                                    seconds,
                                    commandsPerSecond(),
                                    recorder.latencyMillis(0.5),
                                    recorder.latencyMillis(0.99),
                                    recorder.latencyMillis(1.0),
                                    recorder.beforeReadMillis(0.5),
                                    recorder.beforeReadMillis(0.99),
                                    recorder.afterReadMillis(0.5),
                                    recorder.afterReadMillis(0.99),
                                    mebibytesPerSecond())
                    + ("topology CPU %s s, peak RSS %s MiB, broker CPU %s s, JIT compilers %s s; %d without preload, %d KV round "
                                    + "trips; CPU per start: topology %s us, brokers %s us, runner and driver %s us")
                            .formatted(
                                    topologyCpuSeconds.map("%.1f"::formatted).orElse("?"),
                                    topologyPeakRss
                                            .map(b -> Long.toString(b / (1024 * 1024)))
                                            .orElse("?"),
                                    brokerCpuSeconds.map("%.1f"::formatted).orElse("?"),
                                    jitCpuSeconds.map("%.1f"::formatted).orElse("?"),
                                    recorder.withoutPreload(),
                                    recorder.kvRoundTrips(),
                                    perStartMicros(topologyCpuSeconds)
                                            .map("%.0f"::formatted)
                                            .orElse("?"),
                                    perStartMicros(brokerCpuSeconds)
                                            .map("%.0f"::formatted)
                                            .orElse("?"),
                                    perStartMicros(runnerCpuSeconds)
                                            .map("%.0f"::formatted)
                                            .orElse("?"));
        }

        void addTo(ResultTable table, Optional<Measured> baseline) {
            String scenarioLabel = scenario.label() + labelSuffix;
            add(table, scenarioLabel, "commands/s", commandsPerSecond(), baseline.map(Measured::commandsPerSecond));
            add(
                    table,
                    scenarioLabel,
                    "latency p50 ms",
                    recorder.latencyMillis(0.5),
                    baseline.map(b -> b.recorder.latencyMillis(0.5)));
            add(
                    table,
                    scenarioLabel,
                    "latency p99 ms",
                    recorder.latencyMillis(0.99),
                    baseline.map(b -> b.recorder.latencyMillis(0.99)));
            add(
                    table,
                    scenarioLabel,
                    "latency max ms",
                    recorder.latencyMillis(1.0),
                    baseline.map(b -> b.recorder.latencyMillis(1.0)));
            add(
                    table,
                    scenarioLabel,
                    "preload MiB/s",
                    mebibytesPerSecond(),
                    baseline.map(Measured::mebibytesPerSecond));
            topologyCpuSeconds.ifPresent(cpu ->
                    add(table, scenarioLabel, "topology CPU s", cpu, baseline.flatMap(Measured::topologyCpuSeconds)));
            topologyPeakRss.ifPresent(rss -> add(
                    table,
                    scenarioLabel,
                    "topology peak RSS MiB",
                    rss / (1024.0 * 1024),
                    baseline.flatMap(Measured::topologyPeakRss).map(b -> b / (1024.0 * 1024))));
            brokerCpuSeconds.ifPresent(cpu ->
                    add(table, scenarioLabel, "broker CPU s", cpu, baseline.flatMap(Measured::brokerCpuSeconds)));
            jitCpuSeconds.ifPresent(cpu ->
                    add(table, scenarioLabel, "JIT compiler CPU s", cpu, baseline.flatMap(Measured::jitCpuSeconds)));
            perStartMicros(topologyCpuSeconds)
                    .ifPresent(us -> add(
                            table,
                            scenarioLabel,
                            "topology CPU us/start",
                            us,
                            baseline.flatMap(b -> b.perStartMicros(b.topologyCpuSeconds))));
            perStartMicros(brokerCpuSeconds)
                    .ifPresent(us -> add(
                            table,
                            scenarioLabel,
                            "broker CPU us/start",
                            us,
                            baseline.flatMap(b -> b.perStartMicros(b.brokerCpuSeconds))));
            perStartMicros(runnerCpuSeconds)
                    .ifPresent(us -> add(
                            table,
                            scenarioLabel,
                            "runner+driver CPU us/start",
                            us,
                            baseline.flatMap(b -> b.perStartMicros(b.runnerCpuSeconds))));
            if (received < scenario.requests()) {
                table.add(Figure.of("e2e", scenarioLabel, "commands missing", scenario.requests() - received));
            }
        }

        private static void add(
                ResultTable table, String scenario, String name, double value, Optional<Double> baseline) {
            table.add(baseline.map(b -> Figure.vs("e2e", scenario, name, value, "0 B preload", b))
                    .orElseGet(() -> Figure.of("e2e", scenario, name, value)));
        }
    }

    /** Runs this benchmark alone and prints its table. */
    public static void main(String[] args) throws Exception {
        ResultTable table = new ResultTable();
        new PipelineBenchmark(System.out).run(table);
        table.print(System.out);
    }

    /** The topology's, every broker's and this process's pids: the JVMs whose JIT compilers are counted. */
    private static List<Long> jvms(long topology, List<Long> brokers, long self) {
        List<Long> pids = new java.util.ArrayList<>(brokers);
        pids.add(topology);
        pids.add(self);
        return pids;
    }
}
