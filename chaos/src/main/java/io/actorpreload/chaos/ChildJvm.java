package io.actorpreload.chaos;

import io.actorpreload.localstack.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM of the harness (a topology instance through the distribution's launcher, or a runner
 * on the harness's own class path) that can be killed (SIGKILL, by its own handle) and started again with the same command, each
 * run logging to a file of its own. Thread-safe.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final List<String> command;
    private final Path workDir;
    private ChildProcess process;
    private int runs;

    private ChildJvm(String name, List<String> command, Path workDir) {
        this.name = name;
        this.command = command;
        this.workDir = workDir;
    }

    /**
     * Starts {@code command} in {@code workDir} as it is, e.g. the distribution's launcher, which
     * starts the JVM the way users do (its own class path and JVM options).
     */
    static ChildJvm startCommand(String name, Path workDir, List<String> command) {
        ChildJvm child = new ChildJvm(name, List.copyOf(command), workDir);
        child.launch();
        return child;
    }

    /** Starts {@code mainClass} with {@code args} and {@code heap} in {@code workDir}. */
    static ChildJvm start(String name, Path workDir, String heap, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp",
                absolute(System.getProperty("java.class.path")),
                mainClass));
        command.addAll(args);
        ChildJvm child = new ChildJvm(name, List.copyOf(command), workDir);
        child.launch();
        return child;
    }

    private synchronized void launch() {
        runs++;
        Path log = workDir.resolve(name.replace(' ', '-') + "-" + runs + ".log");
        try {
            // The log's first line says when the process was started, for start-up times read from it.
            Files.writeString(
                    log,
                    "chaos: launched at " + Instant.now() + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + log, e);
        }
        process = ChildProcess.start(name, command, workDir, log);
    }

    /** SIGKILLs the process by its handle and waits until it is gone. */
    synchronized void kill() {
        process.handle().destroyForcibly();
        try {
            process.handle().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    name + " (pid " + process.pid() + ") did not die within 30 s of SIGKILL", e);
        }
        process.stop(); // drops its shutdown hook; nothing is left to stop
    }

    /** Starts it again with the same command, after {@link #kill()}. */
    synchronized void restart() {
        launch();
    }

    synchronized boolean isAlive() {
        return process.isAlive();
    }

    synchronized String logTail() {
        return process.logTail();
    }

    /** Stops it (SIGTERM, then SIGKILL after 15 s); idempotent. */
    @Override
    public synchronized void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return name;
    }

    /** The child runs in its own folder: relative class path entries are made absolute first. */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
