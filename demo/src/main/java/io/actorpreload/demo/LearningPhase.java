package io.actorpreload.demo;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.learner.ManifestLearnerApp;
import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.testkit.StoreKvClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's learning phase: an actor type shaped like the typical kind but with no declared
 * manifest ({@value #TYPE}), started again and again by a runner with start-up reports on, while the
 * manifest learner runs. Each start is requested once the one before has been handled, so the
 * round trips per start show when the learned manifest took over; every answer is checked against
 * the store. Runs on the demo's stack, store and topology, which it does not own.
 */
final class LearningPhase {
    static final String TYPE = "learned-chat-room";
    private static final String RUNNER_ID = "runner-learn";
    private static final int ACTORS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PrintStream out;
    private final Clock clock;
    private final Path workDir;

    LearningPhase(PrintStream out, Clock clock, Path workDir) {
        this.out = out;
        this.clock = clock;
        this.workDir = workDir;
    }

    /** Seeds the type's actors, starts the learner and a reporting runner, and makes {@code starts} starts. */
    LearningSummary run(LocalStack stack, PreloadStore store, int starts) throws Exception {
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        ActorKvReader reader = new ActorKvReader(store);
        Random random = new Random(17);
        for (int i = 0; i < ACTORS; i++) {
            writer.put(actorId(i), ActorKind.TYPICAL.records(random, clock.instant()));
        }
        createReportsTopic(stack.bootstrapServers());
        LinkedBlockingQueue<LearningSummary.Start> handled = new LinkedBlockingQueue<>();
        List<LearningSummary.Start> made = new ArrayList<>();
        out.printf("%nlearning: %d starts of %s (no declared manifest), one after another, learner on%n", starts, TYPE);
        try (ManifestLearnerApp learner = ManifestLearnerApp.start(learnerConfig(stack));
                RunnerClient runner = RunnerClient.start(
                        RunnerConfig.builder(RUNNER_ID, stack.bootstrapServers(), stack.schemaRegistryUrl())
                                .pollTimeout(Duration.ofMillis(50))
                                .startupReports(true)
                                .build(),
                        actorId -> new StoreKvClient(actorId, reader, writer, clock),
                        (ActorStartup startup) -> {
                            StoreKvClient truth = new StoreKvClient(startup.actorId(), reader, writer, clock);
                            List<String> mismatches = StartupReads.readAndCheck(
                                    startup.actorId(), startup.kv(), StartupReads.expectedAnswers(truth));
                            ActorStartReport report = startup.report();
                            handled.add(new LearningSummary.Start(
                                    startup.status(),
                                    startup.kvRoundTrips(),
                                    report.getPreloadedBytes(),
                                    report.getUnusedPreloadedBytes(),
                                    mismatches));
                        });
                KafkaProducer<String, ActorStartRequested> producer = producer(stack)) {
            for (int i = 1; i <= starts; i++) {
                String actorId = actorId(i % ACTORS);
                producer.send(new ProducerRecord<>(
                                PipelineTopics.START_REQUESTS,
                                actorId,
                                ActorStartRequested.newBuilder()
                                        .setActorId(actorId)
                                        .setGeneration(1_000 + i)
                                        .setNamespace("demo")
                                        .setActorName(TYPE)
                                        .setRunnerId(RUNNER_ID)
                                        .setRequestedAt(clock.instant())
                                        .build()))
                        .get();
                LearningSummary.Start start = handled.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                if (start == null) {
                    out.printf("learning: start %d not handled within %d s: stopped%n", i, PATIENCE.toSeconds());
                    break;
                }
                made.add(start);
            }
            awaitCounted(runner, learner, made.size());
            return new LearningSummary(
                    TYPE,
                    starts,
                    made,
                    runner.metrics().actorTypes().get(TYPE),
                    learner.status().get(TYPE),
                    runner.metrics().startupReportsDropped());
        }
    }

    /**
     * The runner counts a start when its start-up closes, just after the handler returned, and the
     * learner a moment later: waits (a bound, never asserted) until both counted every start made.
     */
    private static void awaitCounted(RunnerClient runner, ManifestLearnerApp learner, int made)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && (counted(runner) < made
                        || learner.status().get(TYPE) == null
                        || learner.status().get(TYPE).startsSeen() < made)) {
            Thread.sleep(20);
        }
    }

    private static long counted(RunnerClient runner) {
        var startups = runner.metrics().actorTypes().get(TYPE);
        return startups == null ? 0 : startups.starts();
    }

    private static String actorId(int i) {
        return "learn-%06d".formatted(i);
    }

    private ManifestLearnerConfig learnerConfig(LocalStack stack) {
        Map<String, Object> config = new HashMap<>();
        config.put(ManifestLearnerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ManifestLearnerConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl());
        config.put(
                ManifestLearnerConfig.STREAMS_PREFIX + "state.dir",
                workDir.resolve("learner").toString());
        config.put(ManifestLearnerConfig.STREAMS_PREFIX + "commit.interval.ms", 100);
        return new ManifestLearnerConfig(config);
    }

    private static void createReportsTopic(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(PipelineTopics.START_REPORTS, Optional.of(2), Optional.empty())))
                    .all()
                    .get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static KafkaProducer<String, ActorStartRequested> producer(LocalStack stack) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                serde.serializer());
    }
}
