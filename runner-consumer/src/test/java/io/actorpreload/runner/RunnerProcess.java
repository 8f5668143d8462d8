package io.actorpreload.runner;

import io.actorpreload.avro.StartActorCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A runner as a process of its own, for tests that kill it: a {@link RunnerClient} whose handler
 * appends {@code actorId/generation} to a file once it has handled a command. Each line is one
 * write to the file, so what was written survives a SIGKILL of this JVM.
 *
 * <p>Arguments: bootstrap servers, registry URL, runner id, group instance id ({@code -} for the
 * default, the runner id), the file of handled commands, and the actor id whose command the handler
 * never returns from the first time ({@code -} for none): the first process to reach it creates
 * {@code <file>.blocked} holding its instance id and waits there, as a runner does that is killed
 * while it starts an actor; a process that finds the file already there handles the command.
 * An optional seventh argument names the {@link OffsetCommits} (default {@code EACH_COMMAND}).
 * Runs until it is killed or stopped (SIGTERM closes the client).
 */
public final class RunnerProcess {
    private RunnerProcess() {}

    public static void main(String[] args) throws Exception {
        String runnerId = args[2];
        String instanceId = args[3].equals("-") ? runnerId : args[3];
        Path handledFile = Path.of(args[4]);
        String blockAt = args[5];
        OffsetCommits commits = args.length > 6 ? OffsetCommits.valueOf(args[6]) : OffsetCommits.EACH_COMMAND;
        RunnerConfig config = RunnerConfig.builder(runnerId, args[0], args[1])
                .groupInstanceId(instanceId)
                .offsetCommits(commits)
                .pollTimeout(Duration.ofMillis(100))
                .retryBackoff(Duration.ofMillis(100))
                .build();
        RunnerClient client = RunnerClient.start(config, actorId -> new InMemoryKvClient(), startup -> {
            StartActorCommand command = startup.command();
            if (command.getActorId().equals(blockAt) && firstToBlock(Path.of(handledFile + ".blocked"), instanceId)) {
                Thread.sleep(Long.MAX_VALUE);
            }
            append(handledFile, command.getActorId() + "/" + command.getGeneration());
        });
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "runner-process-close"));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static boolean firstToBlock(Path marker, String instanceId) {
        try {
            Files.write(
                    marker,
                    instanceId.getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
