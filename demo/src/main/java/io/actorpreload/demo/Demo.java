package io.actorpreload.demo;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.runner.ActorKvClients;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.testkit.StoreKvClient;
import io.actorpreload.topology.ConfigSources;
import io.actorpreload.topology.PreloadApp;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The whole pipeline, end to end: a real broker and registry, a store ({@link LocalStore}: RocksDB by
 * default, or a FoundationDB server) seeded with actors of every {@link ActorKind}, the preload topology, and runners that start every
 * actor through the runner library and check every answer against the store.
 *
 * <p>Lifecycle: {@link #run} starts everything and registers it here; {@link #close()} stops it
 * all, newest first, each by its own handle — also when the run failed half way.
 */
final class Demo implements AutoCloseable {
    private static final long SEED = 42;

    private final DemoOptions options;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final DemoTally tally = new DemoTally();

    Demo(DemoOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the demo on {@code stack} (which the caller owns); true when every actor started exactly
     * once and every answer was right.
     */
    boolean run(LocalStack stack, boolean terminal) throws Exception {
        LocalStore local = own(LocalStore.open(options.storeKind(), options.workDir()));
        PreloadStore store = local.store();
        out.printf("store: %s%n", local);
        Map<String, ActorKind> kinds = seed(store);
        ActorKvReader reader = new ActorKvReader(store);
        ActorKvWriter writer = new ActorKvWriter(store);
        Map<String, List<StartupReads.Answer>> expected = expectedAnswers(kinds, reader, writer);

        LocalTopics.create(stack.bootstrapServers());
        try (ManifestPublisher publisher =
                ManifestPublisher.create(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
            for (ActorKind kind : ActorKind.withManifest()) {
                publisher.publish(
                        StartupKeys.manifest(kind.actorType(), ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES));
            }
        }
        own(PreloadApp.start(topologyConfig(stack), store));

        DemoRunnerHandler handler = new DemoRunnerHandler(kinds, expected, tally, clock);
        ActorKvClients kvClients = actorId -> new StoreKvClient(actorId, reader, writer, clock);
        for (int i = 1; i <= options.runners(); i++) {
            own(RunnerClient.start(
                    RunnerConfig.builder(runnerId(i), stack.bootstrapServers(), stack.schemaRegistryUrl())
                            .build(),
                    kvClients,
                    handler));
        }
        RequestPacing pacing = options.pacing();
        out.printf(
                "topology and %d runners up; requesting %d actor starts at %s%n",
                options.runners(), options.actors(), pacing.describe());
        double sendSeconds = sendStartRequests(stack, kinds, pacing);

        boolean complete = awaitStarts(terminal);
        DemoSummary summary = new DemoSummary(options.actors(), tally.snapshot(), pacing.describe(), sendSeconds);
        summary.print(out);
        if (!complete) {
            out.printf(
                    "no command arrived for %d s: stopped waiting%n",
                    options.timeout().toSeconds());
        }
        boolean learned = true;
        if (options.learnStarts() > 0) {
            LearningSummary learning =
                    new LearningPhase(out, clock, options.workDir()).run(stack, store, options.learnStarts());
            learning.print(out);
            learned = learning.passed();
        }
        if (options.keepRunning()) {
            handler.logEachStart(out);
            keepRunning(stack);
        }
        return complete && summary.passed() && learned;
    }

    private Map<String, ActorKind> seed(PreloadStore store) {
        out.printf("seeding %d actors, then reading back what each start must see ...%n", options.actors());
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        Random random = new Random(SEED);
        Instant now = clock.instant();
        Map<String, ActorKind> kinds = new HashMap<>();
        for (int i = 0; i < options.actors(); i++) {
            ActorKind kind = ActorKind.ofIndex(i);
            String actorId = "actor-%06d".formatted(i);
            kinds.put(actorId, kind);
            writer.put(actorId, kind.records(random, now));
        }
        return kinds;
    }

    /**
     * What each actor's start-up reads must answer, read from the store before any start: the
     * runners then check their answers without reading the store a second time per start, which
     * would double the store reads of the run and is not part of a start.
     */
    private Map<String, List<StartupReads.Answer>> expectedAnswers(
            Map<String, ActorKind> kinds, ActorKvReader reader, ActorKvWriter writer) {
        Map<String, List<StartupReads.Answer>> expected = new HashMap<>();
        for (String actorId : kinds.keySet()) {
            expected.put(actorId, StartupReads.expectedAnswers(new StoreKvClient(actorId, reader, writer, clock)));
        }
        return expected;
    }

    private PreloadTopologyConfig topologyConfig(LocalStack stack) {
        Map<String, Object> config = new HashMap<>();
        config.put(PreloadTopologyConfig.APPLICATION_ID_CONFIG, "actor-preload-demo");
        config.put(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        config.put(
                PreloadTopologyConfig.STREAMS_PREFIX + "state.dir",
                options.workDir().resolve("streams").toString());
        // The topology's own commit pacing (at least 20 ms, at most 100 ms apart). Like bin/run:
        // ACTOR_PRELOAD_<KEY> variables override, e.g. ACTOR_PRELOAD_COMMIT_MIN_INTERVAL_MS=50.
        config.putAll(ConfigSources.environmentOverrides(System.getenv()));
        return new PreloadTopologyConfig(config);
    }

    /** Sends every start request, paced by {@code pacing}; returns how long sending took, in seconds. */
    private double sendStartRequests(LocalStack stack, Map<String, ActorKind> kinds, RequestPacing pacing) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5);
        try (KafkaProducer<String, ActorStartRequested> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), serde.serializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < options.actors(); i++) {
                pacing.awaitTurn(i);
                String actorId = "actor-%06d".formatted(i);
                ActorStartRequested request = ActorStartRequested.newBuilder()
                        .setActorId(actorId)
                        .setGeneration(1)
                        .setNamespace("demo")
                        .setActorName(kinds.get(actorId).actorType())
                        .setRunnerId(runnerId(1 + i % options.runners()))
                        .setRequestedAt(clock.instant())
                        .build();
                producer.send(new ProducerRecord<>(PipelineTopics.START_REQUESTS, actorId, request));
            }
            producer.flush();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Waits until every actor started, or until nothing arrived for the timeout. */
    private boolean awaitStarts(boolean terminal) throws InterruptedException {
        ProgressLine progress = new ProgressLine(out, terminal, options.actors());
        int lastCount = -1;
        long lastProgress = System.nanoTime();
        try {
            while (true) {
                int count = tally.actorsStarted();
                progress.update(() -> count);
                if (count >= options.actors()) {
                    // A moment more, so a duplicate delivery right behind the last command is counted.
                    Thread.sleep(1000);
                    return true;
                }
                if (count != lastCount) {
                    lastCount = count;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > options.timeout().toNanos()) {
                    return false;
                }
                Thread.sleep(50);
            }
        } finally {
            progress.finish();
        }
    }

    private void keepRunning(LocalStack stack) throws InterruptedException {
        out.println();
        out.println("The stack stays up until Ctrl-C:");
        out.println("  bootstrap servers    " + stack.bootstrapServers());
        out.println("  schema registry      " + stack.schemaRegistryUrl());
        out.println("  start requests topic " + PipelineTopics.START_REQUESTS
                + " (key actorId, value ActorStartRequested)");
        out.println("  runner topics        " + RunnerTopicNaming.DEFAULT_PATTERN + " for runner-1 .. runner-"
                + options.runners());
        out.println("Send a start request with:");
        out.printf(
                "  bin/demo request %s %s actor-000003 runner-1 chat-room%n",
                stack.bootstrapServers(), stack.schemaRegistryUrl());
        Thread.currentThread().join();
    }

    private static String runnerId(int i) {
        return "runner-" + i;
    }

    /** Registers {@code resource} to be closed by {@link #close()}, after everything started later. */
    <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    /** Stops everything started, newest first; a failure to stop one does not keep the others running. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                out.println("could not stop " + resource + ": " + e);
            }
        }
    }
}
