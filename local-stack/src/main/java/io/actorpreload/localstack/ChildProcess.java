package io.actorpreload.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM whose stdout and stderr go to one log file, stopped only through its own process
 * handle (and those of its descendants), never by name. Thread-safe; {@link #stop()} is idempotent.
 */
public final class ChildProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final long GRACEFUL_STOP_SECONDS = 15;
    /** At JVM exit, how long the hook leaves the owner to stop the child in its own order first. */
    private static final long OWNER_STOP_GRACE_SECONDS = 20;

    private static final int LOG_TAIL_BYTES = 4_000;

    private final String name;
    private final Process process;
    private final Path logFile;

    private final Thread shutdownHook;
    private final CountDownLatch stoppedSignal = new CountDownLatch(1);
    private boolean stopped;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        // A child must not outlive its JVM, even if nobody closes it (a test that forgot to, a
        // JVM that exits on an error). Only a SIGKILL of this JVM can orphan it. The owner's own
        // hook usually stops it first, after the clients that use it (a broker stopped before its
        // clients leaves them retrying), so this one waits for that a while.
        this.shutdownHook = new Thread(this::stopAtExit, "stop-" + name.replace(' ', '-') + "-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code workDir}, appending its output to {@code logFile}. */
    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) {
        return start(name, command, Map.of(), workDir, logFile);
    }

    /**
     * Starts {@code command} in {@code workDir} with {@code environment} added to this JVM's,
     * appending its output to {@code logFile}.
     */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder.directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            LOG.debug("Started {} (pid {}): {}", name, process.pid(), String.join(" ", command));
            try {
                return new ChildProcess(name, process, logFile);
            } catch (IllegalStateException shutdownInProgress) {
                // This JVM is exiting (Ctrl-C while a child starts): no hook would stop the child,
                // and nobody holds its handle yet, so it would outlive us. Stop it here.
                process.destroyForcibly();
                throw new LocalStackException(
                        "Did not start " + name + ": this JVM is shutting down", shutdownInProgress);
            }
        } catch (IOException e) {
            throw new LocalStackException(
                    "Could not start " + name + " with command " + command + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code command} to completion (at most {@code timeoutSeconds}), appending its output to
     * {@code logFile}; fails with the log's tail when it exits non-zero or runs too long.
     */
    public static void run(String name, List<String> command, Path workDir, Path logFile, long timeoutSeconds) {
        run(name, command, Map.of(), workDir, logFile, timeoutSeconds);
    }

    /** Like {@link #run(String, List, Path, Path, long)}, with {@code environment} added to this JVM's. */
    public static void run(
            String name,
            List<String> command,
            Map<String, String> environment,
            Path workDir,
            Path logFile,
            long timeoutSeconds) {
        ChildProcess child = start(name, command, environment, workDir, logFile);
        try {
            if (!child.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.stop();
                throw new LocalStackException(
                        name + " did not finish within " + timeoutSeconds + " s. " + child.logTail());
            }
            if (child.process.exitValue() != 0) {
                throw new LocalStackException(
                        name + " failed with exit code " + child.process.exitValue() + ". " + child.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for " + name, e);
        } finally {
            child.stop(); // also when it exited by itself: drops its shutdown hook
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The process handle, e.g. for tests that check the process is gone. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    private void stopAtExit() {
        try {
            stoppedSignal.await(OWNER_STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop();
    }

    /**
     * Asks the process and its descendants to stop (SIGTERM), waits up to 15 s, then kills whatever
     * is left. Returns once nothing of it runs any more.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // the hook runs (or ran) anyway; stopping twice is harmless
            }
        }
        try {
            terminate();
        } finally {
            stoppedSignal.countDown();
        }
    }

    private void terminate() {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        if (!process.isAlive() && descendants.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        boolean graceful = waitForExit(descendants, GRACEFUL_STOP_SECONDS);
        if (!graceful) {
            LOG.warn(
                    "{} (pid {}) did not stop within {} s after SIGTERM; killing it. Log: {}",
                    name,
                    pid(),
                    GRACEFUL_STOP_SECONDS,
                    logFile);
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitForExit(descendants, GRACEFUL_STOP_SECONDS);
        }
        LOG.info("Stopped {} (pid {})", name, pid());
    }

    /** Waits for the process and the descendants it had when the stop began (orphans included). */
    private boolean waitForExit(List<ProcessHandle> descendants, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return false;
            }
            for (ProcessHandle descendant : descendants) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return !descendant.isAlive();
                }
                descendant.onExit().get(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Whether the process failed to bind a port, which another process may have taken between
     * {@link Ports#freePort()} and the bind: worth a retry with other ports.
     */
    public boolean failedToBindPort() {
        try {
            String log = Files.readString(logFile, StandardCharsets.UTF_8);
            return log.contains("Address already in use")
                    || log.contains("seems to be in use")
                    || log.contains("Local address in use");
        } catch (IOException e) {
            return false;
        }
    }

    /** The last few KB of the log, prefixed with its path, for error messages. */
    public String logTail() {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - LOG_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return "Log " + logFile + " ends with:\n" + new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "Log " + logFile + " could not be read: " + e.getMessage();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
