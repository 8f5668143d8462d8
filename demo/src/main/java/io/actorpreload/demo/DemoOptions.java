package io.actorpreload.demo;

import io.actorpreload.localstack.KafkaCluster;
import io.actorpreload.localstack.WorkDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo's command-line options, parsed by picocli. Accessors give the values with their
 * defaults; {@link #workDir()} is absolute, because the broker and the registry run in folders
 * of their own.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Runs the pipeline locally on a real broker, registry and store (RocksDB or FoundationDB) and checks every answer.")
final class DemoOptions {
    @Option(
            names = "--actors",
            paramLabel = "N",
            defaultValue = "1000",
            description = "actors to seed and start (default ${DEFAULT-VALUE})")
    private int actors;

    @Option(
            names = "--runners",
            paramLabel = "N",
            defaultValue = "3",
            description = "runners that start them (default ${DEFAULT-VALUE})")
    private int runners;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "50",
            description = "start requests sent per second, at a steady pace (default ${DEFAULT-VALUE})")
    private int rate;

    @Option(
            names = "--burst",
            description = "send every start request at once instead (the latency then includes draining the burst)")
    private boolean burst;

    @Option(names = "--keep-running", description = "leave the broker, registry, topology and runners up until Ctrl-C")
    private boolean keepRunning;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "data folder of this run (default: a new folder under target/demo)")
    private Path workDir = Path.of("target", "demo", "run-" + System.currentTimeMillis());

    @Option(
            names = "--timeout-seconds",
            paramLabel = "S",
            defaultValue = "60",
            description = "fail when no command arrives for this long (default ${DEFAULT-VALUE})")
    private int timeoutSeconds;

    @Option(
            names = "--store",
            paramLabel = "KIND",
            defaultValue = "rocksdb",
            description = "the store: rocksdb (embedded, the default) or fdb (a FoundationDB server started from the "
                    + "installation FDB_HOME names)")
    private String store;

    @Option(
            names = "--brokers",
            paramLabel = "N",
            defaultValue = "1",
            description = "1 (default), or 3: a replicated KRaft cluster (replication factor 3, min.insync.replicas=2)")
    private int brokers;

    @Option(
            names = "--learn-starts",
            paramLabel = "N",
            defaultValue = "100",
            description =
                    "starts of an actor type without a declared manifest, with the manifest learner on, after the "
                            + "main run (default ${DEFAULT-VALUE}; 0 skips the learning phase)")
    private int learnStarts;

    /** What parsing decided: run with options, or stop at once with an exit code (help, usage error). */
    record Parsed(DemoOptions options, int exitCode) {}

    /** Parses {@code args}; prints help or a one-line error with the usage to {@code out}. */
    static Parsed parse(String[] args, PrintWriter out) {
        DemoOptions options = new DemoOptions();
        CommandLine line = new CommandLine(options).setOut(out).setErr(out);
        try {
            line.parseArgs(args);
            if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
                line.usage(out);
                return new Parsed(null, CommandLine.ExitCode.OK);
            }
            options.validate();
            return new Parsed(options, 0);
        } catch (CommandLine.ParameterException e) {
            out.println("error: " + e.getMessage());
            line.usage(out);
            return new Parsed(null, CommandLine.ExitCode.USAGE);
        }
    }

    /** Numbers in range, and a work folder a new run can use. */
    private void validate() {
        positive("--actors", actors);
        positive("--runners", runners);
        positive("--rate", rate);
        positive("--timeout-seconds", timeoutSeconds);
        if (learnStarts < 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--learn-starts must not be negative. Got: " + learnStarts);
        }
        if (brokers != 1 && brokers != KafkaCluster.REPLICATED_NODES) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--brokers must be 1 or " + KafkaCluster.REPLICATED_NODES + ". Got: " + brokers);
        }
        LocalStore.Kind kind = storeKind();
        kind.whyUnavailable().ifPresent(reason -> {
            throw new CommandLine.ParameterException(new CommandLine(this), reason);
        });
        WorkDirs.whyNotFresh(workDir, "--work-dir").ifPresent(reason -> {
            throw new CommandLine.ParameterException(new CommandLine(this), reason);
        });
    }

    private void positive(String option, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), option + " must be a positive whole number. Got: " + value);
        }
    }

    /** How many brokers the demo's stack has: 1, or a replicated cluster of 3. */
    int brokers() {
        return brokers;
    }

    int actors() {
        return actors;
    }

    int runners() {
        return runners;
    }

    boolean keepRunning() {
        return keepRunning;
    }

    RequestPacing pacing() {
        return burst ? RequestPacing.burst() : RequestPacing.steady(rate);
    }

    Path workDir() {
        return workDir.toAbsolutePath();
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    int learnStarts() {
        return learnStarts;
    }

    LocalStore.Kind storeKind() {
        try {
            return LocalStore.Kind.parse("--store", store);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }
}
