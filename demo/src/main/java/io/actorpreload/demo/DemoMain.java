package io.actorpreload.demo;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Entry point of {@code bin/demo}: runs the whole pipeline locally ({@link Demo}), or, with
 * {@code request}, sends one start request to a stack left up by {@code --keep-running}.
 * Exit codes: 0 passed, 1 failed (a wrong answer, a lost or duplicated command, an error), 2 usage.
 */
public final class DemoMain {
    private DemoMain() {}

    public static void main(String[] args) {
        quietLogging();
        if (args.length > 0 && args[0].equals("request")) {
            System.exit(request(Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(run(args, System.out, System.console() != null, null, true));
    }

    /**
     * Runs the demo with {@code args} on a stack from {@code stacks} (given the stack's work folder; null:
     * a stack of its own with the brokers {@code --brokers} asks for), which the demo closes at its end
     * when {@code closeStack}.
     *
     * @return the exit code: 0 passed, 1 failed, 2 usage
     */
    static int run(
            String[] args, PrintStream out, boolean terminal, Function<Path, LocalStack> stacks, boolean closeStack) {
        DemoOptions.Parsed parsed = DemoOptions.parse(args, new PrintWriter(out, true));
        if (parsed.options() == null) {
            return parsed.exitCode();
        }
        DemoOptions options = parsed.options();
        Demo demo = new Demo(options, out);
        // Ctrl-C: stop everything the demo started; the JVM waits for this hook before it exits.
        Thread stopper = new Thread(demo::close, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            out.printf(
                    "starting %s and a schema registry on 127.0.0.1 (data in %s) ...%n",
                    options.brokers() == 1 ? "a Kafka broker" : "a cluster of " + options.brokers() + " Kafka brokers",
                    options.workDir());
            Function<Path, LocalStack> start =
                    stacks != null ? stacks : options.brokers() == 1 ? LocalStack::start : LocalStack::startReplicated;
            LocalStack stack = start.apply(options.workDir().resolve("stack"));
            if (closeStack) {
                demo.own(stack);
            }
            return demo.run(stack, terminal) ? 0 : 1;
        } catch (Exception e) {
            out.println("demo failed: " + e);
            return 1;
        } finally {
            demo.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or has run; nothing is left to stop.
            }
        }
    }

    /** {@code request <bootstrap> <registry> <actorId> <runnerId> [actorName]}: one start request. */
    private static int request(String[] args) {
        return new CommandLine(new Request()).execute(args);
    }

    @Command(
            name = "demo request",
            mixinStandardHelpOptions = true,
            description = "Sends one start request to a stack left up by demo --keep-running.")
    private static final class Request implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "<bootstrap-servers>")
        private String bootstrapServers;

        @Parameters(index = "1", paramLabel = "<schema-registry-url>")
        private String registryUrl;

        @Parameters(index = "2", paramLabel = "<actorId>")
        private String actorId;

        @Parameters(index = "3", paramLabel = "<runnerId>")
        private String runnerId;

        @Parameters(
                index = "4",
                arity = "0..1",
                paramLabel = "<actorName>",
                description = "default: the typical kind's type")
        private String actorName = ActorKind.TYPICAL.actorType();

        @Override
        public Integer call() {
            SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
            serde.configure(Map.of("schema.registry.url", registryUrl), false);
            ActorStartRequested request = ActorStartRequested.newBuilder()
                    .setActorId(actorId)
                    .setGeneration(System.currentTimeMillis())
                    .setNamespace("demo")
                    .setActorName(actorName)
                    .setRunnerId(runnerId)
                    .setRequestedAt(Instant.now())
                    .build();
            try (KafkaProducer<String, ActorStartRequested> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                    new StringSerializer(),
                    serde.serializer())) {
                producer.send(new ProducerRecord<>(PipelineTopics.START_REQUESTS, request.getActorId(), request))
                        .get();
                System.out.println("sent " + request);
                return 0;
            } catch (Exception e) {
                System.err.println("error: could not send the request: " + e.getMessage());
                return 1;
            }
        }
    }

    /** The demo prints its own progress and summary: Kafka's INFO chatter would bury them. */
    private static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Every expected miss of a heavy actor is logged at WARN; the summary counts them all.
        System.setProperty("org.slf4j.simpleLogger.log.io.actorpreload.runner.ActorKvView", "error");
    }
}
