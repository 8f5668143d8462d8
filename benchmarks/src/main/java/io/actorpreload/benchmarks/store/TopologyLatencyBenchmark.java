package io.actorpreload.benchmarks.store;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.benchmarks.fixtures.ActorShape;
import io.actorpreload.benchmarks.fixtures.TopologyOverrides;
import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.demo.LocalStore;
import io.actorpreload.localstack.Directories;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.fdb.FdbPreloadStore;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.topology.PreloadApp;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Store latency through the real topology: {@link PreloadApp} (Kafka Streams, one stream thread,
 * exactly-once) on a real broker reads a pre-filled input topic of one partition, its store
 * answering every read late ({@link DelayedPreloadStore}). For each latency and actor shape:
 * commands/s committed with {@code preload.max.in.flight=64} beside {@code =1} (the synchronous
 * processor), the serial bound 1/latency, and the asynchronous processor at 0 ms (its CPU bound);
 * with the most preloads in flight a task reached, the most store reads in flight and the most heap
 * found live after a collection during the run (this JVM's: the broker and registry run apart).
 *
 * <p>With {@code bench.store=fdb} the store is real instead: for each shape the same pair of runs on
 * RocksDB (no added latency), on a single FoundationDB server and on a 3-process FoundationDB cluster
 * with double replication (both started from {@code FDB_HOME}), with the snapshot read latency
 * (p50, p99) each store gave the overlapping processor.
 *
 * <p>The rate counts from the first committed offset to the last, so start-up and the first
 * rebalance are left out. Cells: system properties {@code bench.latencies.ms} (default
 * {@code 0,0.5,2,5}) and {@code bench.shapes} (default every {@link ActorShape}; with
 * {@code bench.store=fdb}, 0 B, 16 KiB and 256 KiB).
 */
public final class TopologyLatencyBenchmark {
    private static final int ACTORS = 20;
    private static final int ASYNC_IN_FLIGHT = 64;

    private final PrintStream out;
    private final AtomicInteger runs = new AtomicInteger();

    public TopologyLatencyBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Runs the chosen cells; adds their figures to {@code table}. */
    public void run(ResultTable table) throws Exception {
        boolean foundationDb = LocalStore.Kind.parse("bench.store", System.getProperty("bench.store", "rocksdb"))
                == LocalStore.Kind.FDB;
        List<Duration> latencies = Arrays.stream(
                        System.getProperty("bench.latencies.ms", "0,0.5,2,5").split(","))
                .map(ms -> Duration.ofNanos(Math.round(Double.parseDouble(ms.trim()) * 1e6)))
                .toList();
        String defaultShapes = foundationDb
                ? "EMPTY,SMALL,MEDIUM"
                : String.join(
                        ",", Arrays.stream(ActorShape.values()).map(Enum::name).toList());
        List<ActorShape> shapes = Arrays.stream(
                        System.getProperty("bench.shapes", defaultShapes).split(","))
                .map(name -> ActorShape.valueOf(name.trim()))
                .toList();
        Path directory = Files.createTempDirectory("bench-topology-latency");
        try (LocalStack stack = LocalStack.start(directory.resolve("stack"))) {
            Path storeDir = directory.resolve("store");
            try (RocksDbPreloadStore seeded = RocksDbPreloadStore.open(storeDir)) {
                seed(seeded, shapes);
            }
            Supplier<PreloadStore> rocksDb = () -> RocksDbPreloadStore.open(storeDir);
            if (foundationDb) {
                runOnRealStores(table, stack, directory, rocksDb, shapes);
                return;
            }
            for (ActorShape shape : shapes) {
                double asyncAtZero = Double.NaN;
                for (Duration latency : latencies) {
                    Cell sync = cell(stack, directory, rocksDb, shape, latency, 1);
                    Cell async = cell(stack, directory, rocksDb, shape, latency, ASYNC_IN_FLIGHT);
                    if (latency.isZero()) {
                        asyncAtZero = async.rate();
                    }
                    report(table, shape, latency, sync, async, asyncAtZero);
                }
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    /** RocksDB, one FoundationDB server and a 3-process cluster, side by side for each shape. */
    private void runOnRealStores(
            ResultTable table,
            LocalStack stack,
            Path directory,
            Supplier<PreloadStore> rocksDb,
            List<ActorShape> shapes)
            throws Exception {
        out.println("starting a FoundationDB server and a 3-process FoundationDB cluster on 127.0.0.1 ...");
        try (LocalStore single = LocalStore.open(LocalStore.Kind.FDB, directory.resolve("fdb-single"));
                LocalStore replicated = LocalStore.openReplicatedFoundationDb(directory.resolve("fdb-replicated"))) {
            seed(single.store(), shapes);
            seed(replicated.store(), shapes);
            Map<String, Supplier<PreloadStore>> stores = new LinkedHashMap<>();
            stores.put("RocksDB", rocksDb);
            stores.put("FoundationDB 1 process", () -> fdbStore(single));
            stores.put("FoundationDB 3 processes", () -> fdbStore(replicated));
            for (ActorShape shape : shapes) {
                for (Map.Entry<String, Supplier<PreloadStore>> store : stores.entrySet()) {
                    // The synchronous processor waits for each real round trip: fewer requests keep its run short.
                    Cell sync = cell(
                            stack,
                            directory,
                            store.getValue(),
                            shape,
                            Duration.ZERO,
                            1,
                            count(Duration.ZERO, 1, shape) / 5);
                    Cell async = cell(stack, directory, store.getValue(), shape, Duration.ZERO, ASYNC_IN_FLIGHT);
                    reportStore(table, shape, store.getKey(), sync, async);
                }
            }
        }
    }

    private static PreloadStore fdbStore(LocalStore local) {
        return FdbPreloadStore.open(
                local.foundationDb().orElseThrow().clusterFile().toString());
    }

    private static void seed(PreloadStore store, List<ActorShape> shapes) {
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        Random random = new Random(7);
        for (ActorShape shape : shapes) {
            for (int i = 0; i < ACTORS; i++) {
                writer.put(actorId(shape, i), shape.records(random, Instant.now()));
            }
        }
    }

    private void reportStore(ResultTable table, ActorShape shape, String store, Cell sync, Cell async) {
        String scenario = "%s, %s, 1 stream thread, EOS".formatted(shape.label(), store);
        table.add(Figure.vs(
                "topology on real stores",
                scenario,
                "commands/s, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.rate(),
                "max.in.flight=1",
                sync.rate()));
        table.add(Figure.vs(
                "topology on real stores",
                scenario,
                "snapshot read p50 ms, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.snapshotP50Millis(),
                "max.in.flight=1",
                sync.snapshotP50Millis()));
        table.add(Figure.vs(
                "topology on real stores",
                scenario,
                "snapshot read p99 ms, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.snapshotP99Millis(),
                "max.in.flight=1",
                sync.snapshotP99Millis()));
        table.add(Figure.vs(
                "topology on real stores",
                scenario,
                "heap live after GC, max MiB, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.heapMiB(),
                "max.in.flight=1",
                sync.heapMiB()));
        out.printf(
                "topology %-52s max.in.flight=%d: %7.0f commands/s (%.0f preloads in flight at most; snapshot read p50 %.2f ms,"
                        + " p99 %.2f ms; heap live after GC %.0f MiB at most) | max.in.flight=1: %6.0f commands/s (p50 %.2f ms,"
                        + " p99 %.2f ms; heap %.0f MiB) | ratio %.1fx%n",
                scenario,
                ASYNC_IN_FLIGHT,
                async.rate(),
                async.deepestTask(),
                async.snapshotP50Millis(),
                async.snapshotP99Millis(),
                async.heapMiB(),
                sync.rate(),
                sync.snapshotP50Millis(),
                sync.snapshotP99Millis(),
                sync.heapMiB(),
                async.rate() / sync.rate());
    }

    /** What one run measured; {@code heapMiB}: the most heap found live after a collection during the run. */
    private record Cell(
            double rate,
            double deepestTask,
            int deepestReads,
            int commands,
            double heapMiB,
            double snapshotP50Millis,
            double snapshotP99Millis) {}

    /** The heap live after the latest collection (the sum over heap pools of their usage after GC), in MiB. */
    private static double heapAfterGcMiB() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used / (1024.0 * 1024);
    }

    private void report(
            ResultTable table, ActorShape shape, Duration latency, Cell sync, Cell async, double asyncAtZero) {
        double ms = latency.toNanos() / 1e6;
        String scenario = "%s, store latency %s ms, 1 stream thread, EOS".formatted(shape.label(), ms);
        table.add(Figure.vs(
                "topology store latency",
                scenario,
                "commands/s, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.rate(),
                "max.in.flight=1",
                sync.rate()));
        if (!latency.isZero()) {
            table.add(Figure.vs(
                    "topology store latency",
                    scenario,
                    "commands/s, max.in.flight=" + ASYNC_IN_FLIGHT,
                    async.rate(),
                    "serial bound 1/RTT",
                    1000 / ms));
            table.add(Figure.vs(
                    "topology store latency",
                    scenario,
                    "commands/s, max.in.flight=" + ASYNC_IN_FLIGHT,
                    async.rate(),
                    "async at 0 ms",
                    asyncAtZero));
        }
        table.add(Figure.of("topology store latency", scenario, "most preloads in flight (task)", async.deepestTask()));
        table.add(Figure.vs(
                "topology store latency",
                scenario,
                "heap live after GC, max MiB, max.in.flight=" + ASYNC_IN_FLIGHT,
                async.heapMiB(),
                "max.in.flight=1",
                sync.heapMiB()));
        out.printf(
                "topology %-44s max.in.flight=%d: %7.0f commands/s (%d commands, %.0f preloads and %d reads in flight at most,"
                        + " heap live after GC %.0f MiB at most) | max.in.flight=1: %6.0f commands/s (heap %.0f MiB)"
                        + " | serial bound %s | async at 0 ms %.0f%n",
                scenario,
                ASYNC_IN_FLIGHT,
                async.rate(),
                async.commands(),
                async.deepestTask(),
                async.deepestReads(),
                async.heapMiB(),
                sync.rate(),
                sync.heapMiB(),
                latency.isZero() ? "-" : "%.0f/s".formatted(1000 / ms),
                asyncAtZero);
    }

    private Cell cell(
            LocalStack stack,
            Path directory,
            Supplier<PreloadStore> stores,
            ActorShape shape,
            Duration latency,
            int maxInFlight)
            throws Exception {
        return cell(stack, directory, stores, shape, latency, maxInFlight, count(latency, maxInFlight, shape));
    }

    private Cell cell(
            LocalStack stack,
            Path directory,
            Supplier<PreloadStore> stores,
            ActorShape shape,
            Duration latency,
            int maxInFlight,
            int count)
            throws Exception {
        String id = "bench-topo-" + runs.incrementAndGet();
        String requests = id + ".requests";
        String manifests = id + ".manifests";
        String runnerTopic = id + ".runner.r1.commands";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(requests, 1, (short) 1),
                            new NewTopic(manifests, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                            new NewTopic(id + ".dlq", 1, (short) 1),
                            new NewTopic(runnerTopic, 1, (short) 1).configs(Map.of("max.message.bytes", "2097152"))))
                    .all()
                    .get();
            prefill(stack, requests, manifests, shape, count);
            Map<String, Object> settings = new HashMap<>();
            settings.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            settings.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
            settings.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, id);
            settings.put(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG, requests);
            settings.put(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG, manifests);
            settings.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, id + ".dlq");
            settings.put(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, id + ".runner.{runnerId}.commands");
            settings.put(PreloadTopologyConfig.RUNNER_TOPIC_MAX_MESSAGE_BYTES_CONFIG, "2097152");
            settings.put(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG, Integer.toString(maxInFlight));
            settings.put("streams.num.stream.threads", "1");
            settings.put("streams.state.dir", directory.resolve("streams-" + id).toString());
            settings.put("streams.replication.factor", "1");
            settings.put("streams.producer.max.request.size", "2097152");
            settings.putAll(TopologyOverrides.fromSystemProperty());
            PreloadTopologyConfig config = new PreloadTopologyConfig(settings);
            try (DelayedPreloadStore store = new DelayedPreloadStore(stores.get(), latency);
                    PreloadApp app = PreloadApp.start(config, store)) {
                TopicPartition input = new TopicPartition(requests, 0);
                long firstNanos = 0;
                long firstOffset = -1;
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                double heapMiB = 0;
                while (System.nanoTime() < deadline) {
                    heapMiB = Math.max(heapMiB, heapAfterGcMiB());
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets(id)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(input);
                    long offset = committed == null ? -1 : committed.offset();
                    if (firstOffset < 0 && offset > 0) {
                        firstOffset = offset;
                        firstNanos = System.nanoTime();
                    }
                    if (offset >= count) {
                        double seconds = (System.nanoTime() - firstNanos) / 1e9;
                        out.printf(
                                "  %s max.in.flight=%d: %.0f commits, %.1f ms each on average%n",
                                id,
                                maxInFlight,
                                metric(app, "stream-thread-metrics", "commit-total"),
                                metric(app, "stream-thread-metrics", "commit-latency-avg"));
                        Histogram snapshots = store.snapshotLatencies();
                        return new Cell(
                                (count - firstOffset) / seconds,
                                deepest(app),
                                store.maxInFlight(),
                                count,
                                heapMiB,
                                snapshots.getValueAtPercentile(50) / 1000.0,
                                snapshots.getValueAtPercentile(99) / 1000.0);
                    }
                    Thread.sleep(10);
                }
                throw new IllegalStateException(id + " did not commit " + count + " requests within 5 minutes");
            }
        }
    }

    /**
     * The largest value of metric {@code name} over {@code app}'s threads or tasks, in {@code group}
     * (null: any group); NaN when there is none yet.
     */
    private static double metric(PreloadApp app, String group, String name) {
        double largest = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> metric :
                app.streams().metrics().entrySet()) {
            if (metric.getKey().name().equals(name)
                    && (group == null || metric.getKey().group().equals(group))
                    && metric.getValue().metricValue() instanceof Double d
                    && !d.isNaN()) {
                largest = Double.isNaN(largest) ? d : Math.max(largest, d);
            }
        }
        return largest;
    }

    private static double deepest(PreloadApp app) {
        double deepest = metric(app, null, "preload-in-flight-max");
        return Double.isNaN(deepest) ? 1 : Math.max(1, deepest);
    }

    /** Enough requests for several seconds of each run. */
    private static int count(Duration latency, int maxInFlight, ActorShape shape) {
        int bytesFactor = shape.nominalBytes() >= 256 * 1024 ? 10 : 1;
        if (maxInFlight == 1 && !latency.isZero()) {
            return Math.max(500, (int) (4_000_000_000L / Math.max(latency.toNanos(), 1)) / 1000 * 1000 / bytesFactor);
        }
        return Integer.getInteger("bench.topology.requests", 20_000) / bytesFactor;
    }

    private static void prefill(LocalStack stack, String requests, String manifests, ActorShape shape, int count)
            throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 20);
        SpecificAvroSerde<PreloadManifest> manifestSerde = new SpecificAvroSerde<>(PreloadManifest.class);
        manifestSerde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, PreloadManifest> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), manifestSerde.serializer())) {
            producer.send(new ProducerRecord<>(manifests, shape.actorType(), shape.manifest()))
                    .get();
        }
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, ActorStartRequested> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String actorId = actorId(shape, i % ACTORS);
                sent.add(producer.send(new ProducerRecord<>(
                        requests,
                        actorId,
                        ActorStartRequested.newBuilder()
                                .setActorId(actorId)
                                .setGeneration(i)
                                .setNamespace("bench")
                                .setActorName(shape.actorType())
                                .setRunnerId("r1")
                                .setRequestedAt(Instant.now())
                                .setInput(null)
                                .build())));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        }
    }

    private static String actorId(ActorShape shape, int index) {
        return "store-%s-%03d".formatted(shape.name().toLowerCase(), index);
    }

    /** Runs this benchmark alone and prints its table. */
    public static void main(String[] args) throws Exception {
        ResultTable table = new ResultTable();
        new TopologyLatencyBenchmark(System.out).run(table);
        table.print(System.out);
    }
}
