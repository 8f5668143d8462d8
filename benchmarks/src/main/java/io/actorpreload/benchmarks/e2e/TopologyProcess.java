package io.actorpreload.benchmarks.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.io.Writer;

/**
 * The preload topology as a child process of its own — {@code PreloadApp run --config <file>}, the
 * command line of {@code bin/run} — so its CPU time and peak memory can be read from {@code /proc}.
 * Its output goes to a log file beside its configuration.
 *
 * <p>Lifecycle: {@link #start} launches it; {@link #close()} sends SIGTERM through its own process
 * handle (the application closes Kafka Streams gracefully), waits, and kills it forcibly only if
 * it has not exited in time. A shutdown hook does the same if the driver is interrupted.
 * Thread-safe.
 */
final class TopologyProcess implements AutoCloseable {
    /** System property: the topology's class path (e.g. topology/target/classes + classpath.txt); default: this JVM's. */
    static final String CLASSPATH_PROPERTY = "bench.topology.classpath";
    /** System property: the child's maximum heap; default 1g. */
    static final String HEAP_PROPERTY = "bench.topology.heap";
    private static final long STOP_TIMEOUT_SECONDS = 45;

    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private TopologyProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "bench-topology-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Writes {@code settings} to {@code workDir/topology.properties} and starts the application on them. */
    static TopologyProcess start(Path workDir, Map<String, String> settings) throws IOException {
        Files.createDirectories(workDir);
        Path config = workDir.resolve("topology.properties");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "written by the end-to-end benchmark");
        }
        Path logFile = workDir.resolve("topology.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + System.getProperty(HEAP_PROPERTY, "1g"));
        command.add("-cp");
        command.add(absolute(System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"))));
        command.add("io.actorpreload.topology.PreloadApp");
        command.add("run");
        command.add("--config");
        command.add(config.toString());
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        return new TopologyProcess(process, logFile);
    }

    /** The child runs in its own folder: relative class path entries are made absolute first. */
    private static String absolute(String classpath) {
        return Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of its log, for an error message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran: nothing left to remove.
        }
    }

    private synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
