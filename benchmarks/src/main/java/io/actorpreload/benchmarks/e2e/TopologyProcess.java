package io.actorpreload.benchmarks.e2e;

import io.actorpreload.localstack.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The preload topology as a child process of its own — {@code actor-preload run --config <file>}, the
 * command line of {@code bin/run} — so its CPU time and peak memory can be read from {@code /proc}.
 * Its output goes to a log file beside its configuration.
 *
 * <p>Lifecycle: {@link #start} launches it as a local-stack {@link ChildProcess}; {@link #close()}
 * sends SIGTERM through its own process handle (the application closes Kafka Streams gracefully)
 * and kills it only if it has not exited in time; the child's own shutdown hook does the same if
 * the driver is interrupted. Thread-safe.
 */
final class TopologyProcess implements AutoCloseable {
    /** System property: the topology's class path (e.g. topology/target/classes + classpath.txt); default: this JVM's. */
    static final String CLASSPATH_PROPERTY = "bench.topology.classpath";
    /** System property: the child's maximum heap; default 1g. */
    static final String HEAP_PROPERTY = "bench.topology.heap";
    /** System property: further JVM options of the child, separated by spaces (e.g. a flight recording). */
    static final String JVM_OPTIONS_PROPERTY = "bench.topology.jvm.options";

    private final ChildProcess process;

    private TopologyProcess(ChildProcess process) {
        this.process = process;
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
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty(HEAP_PROPERTY, "1g")));
        Arrays.stream(System.getProperty(JVM_OPTIONS_PROPERTY, "").split(" "))
                .filter(o -> !o.isBlank())
                .forEach(command::add);
        command.addAll(List.of(
                "-cp",
                absolute(System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"))),
                "io.actorpreload.cli.ActorPreloadCli",
                "run",
                "--config",
                config.toString()));
        return new TopologyProcess(
                ChildProcess.start("preload topology", command, workDir, workDir.resolve("topology.log")));
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
        return process.logFile();
    }

    /** The end of its log, for an error message. */
    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.stop();
    }
}
