package io.actorpreload.benchmarks.e2e;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.benchmarks.report.Figure;
import io.actorpreload.benchmarks.report.ResultTable;
import io.actorpreload.localstack.Directories;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.runner.OffsetCommits;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.testkit.TestKvStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The runner alone: one {@link RunnerClient} hands a backlog of start commands (no preload) to a
 * handler that does nothing, on the local broker and registry with nothing else running, once per
 * {@link OffsetCommits}. With {@link OffsetCommits#EACH_COMMAND}, the default, every command costs
 * the broker an offset commit, and one consumer's commits are served one after another (a broker
 * reads a connection's next request only after answering the one before), so this rate is the most
 * the default runner can start on this machine whatever the topology does; {@code e2e} at full
 * speed shares the same cores with the topology and cannot exceed it.
 *
 * <p>Figures: commands/s from the first command handled to the last (so the group join is left
 * out), and the broker's CPU per command over the same time, each beside {@link OffsetCommits#EACH_POLL}.
 * A first backlog, not reported, warms the JVMs up. Everything started is stopped by its own handle
 * at the end, also on failure.
 */
public final class RunnerDrainBenchmark {
    /** System property: commands per commit mode (default {@value #DEFAULT_COMMANDS}). */
    static final String COMMANDS_PROPERTY = "bench.runner-drain.commands";

    private static final int DEFAULT_COMMANDS = 50_000;
    private static final long DRAIN_TIMEOUT_SECONDS = 300;

    private final PrintStream out;

    public RunnerDrainBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Starts the stack, drains one backlog per commit mode, stops everything; adds the figures to {@code table}. */
    public void run(ResultTable table) throws Exception {
        int commands = Integer.getInteger(COMMANDS_PROPERTY, DEFAULT_COMMANDS);
        if (commands < 2) {
            throw new IllegalArgumentException(COMMANDS_PROPERTY
                    + " must be at least 2 (a rate needs a first and a last command). Got: " + commands);
        }
        Path workDir = Files.createTempDirectory("bench-runner-drain").toAbsolutePath();
        try {
            out.println("runner-drain: starting the broker and the registry ...");
            Map<OffsetCommits, Drained> results = new EnumMap<>(OffsetCommits.class);
            try (LocalStack stack = LocalStack.start(workDir.resolve("stack"))) {
                out.printf("runner-drain: warming up: %d commands, each committed ...%n", commands);
                drain(stack, "drain-warm-up", OffsetCommits.EACH_COMMAND, commands);
                for (OffsetCommits commits : OffsetCommits.values()) {
                    Drained drained =
                            drain(stack, "drain-" + commits.name().toLowerCase().replace('_', '-'), commits, commands);
                    out.printf(
                            "runner-drain: %s, %d commands: %.0f/s, broker CPU %.0f us per command%n",
                            commits,
                            commands,
                            drained.perSecond(),
                            drained.brokerMicrosPerCommand().orElse(Double.NaN));
                    results.put(commits, drained);
                }
            }
            String scenario = "no preload, one runner alone, each command";
            Drained eachCommand = results.get(OffsetCommits.EACH_COMMAND);
            Drained eachPoll = results.get(OffsetCommits.EACH_POLL);
            table.add(Figure.vs(
                    "runner-drain",
                    scenario,
                    "commands/s",
                    eachCommand.perSecond(),
                    "each poll",
                    eachPoll.perSecond()));
            if (eachCommand.brokerMicrosPerCommand().isPresent()
                    && eachPoll.brokerMicrosPerCommand().isPresent()) {
                table.add(Figure.vs(
                        "runner-drain",
                        scenario,
                        "broker CPU us/command",
                        eachCommand.brokerMicrosPerCommand().get(),
                        "each poll",
                        eachPoll.brokerMicrosPerCommand().get()));
            }
        } finally {
            Directories.deleteRecursively(workDir);
        }
    }

    private static Drained drain(LocalStack stack, String runnerId, OffsetCommits commits, int commands)
            throws Exception {
        RunnerConfig config = RunnerConfig.builder(runnerId, stack.bootstrapServers(), stack.schemaRegistryUrl())
                .offsetCommits(commits)
                .build();
        // Registering creates the command topic; the backlog is written before the runner consumes it.
        RunnerClient.start(config, new TestKvStore().kvClients(), startup -> {}).close();
        fill(stack, config.commandTopic(), commands);

        long brokerPid = stack.broker().processHandle().pid();
        Timing timing = new Timing(commands, brokerPid);
        try (RunnerClient runner = RunnerClient.start(config, new TestKvStore().kvClients(), startup -> {
            StartActorCommand command = startup.command();
            timing.handled();
        })) {
            if (!timing.remaining.await(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "The runner handled " + (commands - timing.remaining.getCount()) + " of "
                                + commands + " commands in " + DRAIN_TIMEOUT_SECONDS + " s"
                                + runner.failure().map(f -> ": " + f).orElse(""));
            }
            return timing.drained(commands);
        }
    }

    /** When the first command was handled, and the broker's CPU then; the runner's one consumer thread calls {@link #handled}. */
    private static final class Timing {
        private final CountDownLatch remaining;
        private final long brokerPid;
        private volatile long firstNanos;
        private volatile Optional<Double> brokerCpuAtFirst = Optional.empty();

        Timing(int commands, long brokerPid) {
            this.remaining = new CountDownLatch(commands);
            this.brokerPid = brokerPid;
        }

        void handled() {
            if (firstNanos == 0) {
                firstNanos = System.nanoTime();
                brokerCpuAtFirst = ProcessFigures.cpuSeconds(brokerPid);
            }
            remaining.countDown();
        }

        Drained drained(int commands) {
            double seconds = (System.nanoTime() - firstNanos) / 1e9;
            Optional<Double> brokerCpu = ProcessFigures.cpuSeconds(brokerPid)
                    .flatMap(after -> brokerCpuAtFirst.map(before -> after - before));
            return new Drained((commands - 1) / seconds, brokerCpu.map(cpu -> cpu * 1e6 / (commands - 1)));
        }
    }

    private static void fill(LocalStack stack, String topic, int commands) {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl()), false);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                5);
        Instant now = Instant.now();
        try (Serializer<StartActorCommand> serializer = serde.serializer();
                KafkaProducer<String, StartActorCommand> producer =
                        new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            for (int i = 0; i < commands; i++) {
                String actorId = "drain-%06d".formatted(i);
                producer.send(new ProducerRecord<>(
                        topic,
                        actorId,
                        StartActorCommand.newBuilder()
                                .setActorId(actorId)
                                .setGeneration(1)
                                .setNamespace("bench")
                                .setActorName("counter")
                                .setRunnerId("drain")
                                .setRequestedAt(now)
                                .setPreloadedKv(null)
                                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                                .build()));
            }
            producer.flush();
        }
    }

    /** One drain: commands handled per second, and the broker's CPU per command when /proc has it. */
    private record Drained(double perSecond, Optional<Double> brokerMicrosPerCommand) {}

    /** Runs this benchmark alone and prints its table. */
    public static void main(String[] args) throws Exception {
        ResultTable table = new ResultTable();
        new RunnerDrainBenchmark(System.out).run(table);
        table.print(System.out);
    }
}
