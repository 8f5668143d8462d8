package io.actorpreload.chaos;

import io.actorpreload.demo.LocalStore;
import io.actorpreload.localstack.WorkDirs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code bin/chaos}: the fault harness ({@link ChaosRun}). Exit codes: 0 nothing
 * lost, duplicated or wrongly dead-lettered and every fault's own check passed; 1 otherwise or on
 * an error; 2 bad usage.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the real stack on 127.0.0.1 (broker, registry, the topology and runners as processes of "
                    + "their own), sends a steady stream of good start requests and injects one fault after another: "
                    + "topology kill and restart, a peer taking over, runner kill and restart, broker kill and restart, "
                    + "registry restart, poison requests and manifests, a handler that always throws; with --store fdb, "
                    + "FoundationDB process kills too.",
            "After each fault it prints a row: requests sent, commands delivered, lost, duplicated, good requests "
                    + "dead-lettered, handled by runners, longest stall and time to resume (ms)."
        })
public final class ChaosMain implements Callable<Integer> {
    @Option(
            names = "--quick",
            description = "Only topology restart, runner restart, registry restart and the oversized "
                    + "poison request: about 1 minute instead of 2 on 2 cores, plus the stack's start-up.")
    private boolean quick;

    @Option(
            names = "--rate",
            defaultValue = "60",
            paramLabel = "<n>",
            description = "Start requests per second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(
            names = "--runners",
            defaultValue = "3",
            paramLabel = "<n>",
            description = "Runner processes (default: ${DEFAULT-VALUE}).")
    private int runners;

    @Option(
            names = "--store",
            defaultValue = "rocksdb",
            paramLabel = "<kind>",
            description = "rocksdb (default), or fdb: "
                    + "a 3-process FoundationDB cluster with double replication, started from the installation FDB_HOME names, "
                    + "and its own faults (one process killed, all of them killed) in the run.")
    private String store;

    @Option(
            names = "--brokers",
            defaultValue = "1",
            paramLabel = "<n>",
            description = "1 (default), or 3: a replicated KRaft cluster (replication factor 3, min.insync.replicas=2) "
                    + "and its own faults (a partition leader, a transaction coordinator, the active controller "
                    + "killed; a rolling restart; two brokers down) instead of the single broker's.")
    private int brokers;

    @Option(
            names = "--work-dir",
            paramLabel = "<dir>",
            description = "Folder for data and logs (default: a new one under the temp folder).")
    private Path workDir;

    private final PrintStream out;

    ChaosMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, System.out));
    }

    /** Parses {@code args} and runs; the exit code (0, 1, or 2 on bad usage). */
    static int run(String[] args, PrintStream out) {
        CommandLine commandLine = new CommandLine(new ChaosMain(out));
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            out.println("chaos failed: " + e);
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        ChaosOptions options;
        LocalStore.Kind kind;
        try {
            kind = LocalStore.Kind.parse("--store", store);
            options = new ChaosOptions(
                    quick, rate, runners, kind, brokers, workDir != null ? workDir.toAbsolutePath() : Path.of("."));
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        var unavailable = kind.whyUnavailable();
        if (unavailable.isPresent()) {
            out.println("error: " + unavailable.get());
            return 2;
        }
        if (workDir != null) {
            var notFresh = WorkDirs.whyNotFresh(workDir, "--work-dir");
            if (notFresh.isPresent()) {
                out.println("error: " + notFresh.get());
                return 2;
            }
        }
        if (workDir == null) {
            options = new ChaosOptions(
                    quick,
                    rate,
                    runners,
                    kind,
                    brokers,
                    WorkDirs.create("chaos-").toAbsolutePath());
        }
        ChaosStack stack = new ChaosStack(options.workDir(), kind, brokers, out);
        // Ctrl-C: stop everything the run started; the JVM waits for this hook before it exits.
        Thread stopper = new Thread(stack::close, "chaos-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return new ChaosRun(options, stack, out).run();
        } catch (Exception e) {
            out.println("chaos failed: " + e.getMessage() + " (logs in " + options.workDir() + ")");
            return 1;
        } finally {
            stack.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or has run.
            }
        }
    }

    /** The harness prints its own table: Kafka's INFO chatter would bury it. */
    private static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // The clients' connection warnings while the broker is down are the fault itself, not news.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
    }
}
