package io.actorpreload.chaos;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.testkit.TestKvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A runner as a process of its own, started (and killed) by the harness: a {@link RunnerClient}
 * whose handler appends one {@link HandledEvent} line per handled command to a file. Each line is
 * one write, so what was written survives a SIGKILL. The handler always throws for actor ids that
 * start with the given prefix, so those commands end on the runner's dead-letter topic.
 *
 * <p>Arguments: bootstrap servers, registry URL, runner id, the file of handled commands, the
 * prefix of actor ids to fail. Runs until killed or stopped (SIGTERM closes the client).
 */
public final class ChaosRunnerMain {
    /** Attempts before a command whose handler keeps throwing is dead-lettered: few, so the fault is short. */
    static final int HANDLER_ATTEMPTS = 3;

    private ChaosRunnerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println(
                    "usage: ChaosRunnerMain <bootstrap-servers> <registry-url> <runnerId> <handled-file> <fail-prefix>");
            System.exit(2);
        }
        String runnerId = args[2];
        Path handledFile = Path.of(args[3]);
        String failPrefix = args[4];
        RunnerConfig config = RunnerConfig.builder(runnerId, args[0], args[1])
                .pollTimeout(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(100))
                .maxRetryBackoff(Duration.ofMillis(500))
                .maxHandlerAttempts(HANDLER_ATTEMPTS)
                .build();
        RunnerClient client = RunnerClient.start(config, new TestKvStore().kvClients(), startup -> {
            StartActorCommand command = startup.command();
            String actorId = command.getActorId().toString();
            if (actorId.startsWith(failPrefix)) {
                throw new IllegalStateException("the chaos handler always fails for " + actorId);
            }
            append(
                    handledFile,
                    new HandledEvent(
                                    new RequestKey(actorId, command.getGeneration()),
                                    runnerId,
                                    System.currentTimeMillis(),
                                    command.getPreloadStatus())
                            .toLine());
        });
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "chaos-runner-close"));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void append(Path file, String line) {
        try {
            Files.write(
                    file,
                    (line + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
