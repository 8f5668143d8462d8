package io.actorpreload.topology;

import io.actorpreload.preload.store.StoreException;
import io.actorpreload.topology.learner.ManifestLearnerApp;
import io.actorpreload.topology.learner.ManifestLearnerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of the preload application ({@code bin/run}, or the distribution's
 * {@code bin/actor-preload}): {@code run --config <file>} starts it and runs until SIGTERM or
 * Ctrl-C. Exit codes: 0 after a clean stop, 1 when Kafka Streams fails, 2 for bad usage or
 * configuration, with one line saying what is wrong and what to do (no stack trace).
 * {@code acl} creates a principal's ACLs for one role of the pipeline ({@link AclCommand}).
 */
@Command(name = "actor-preload", mixinStandardHelpOptions = true, subcommands = {PreloadCommand.Run.class, PreloadCommand.Learn.class, AclCommand.class},
        description = "Kafka Streams application: start requests in, budgeted snapshot preload, start commands out.")
public final class PreloadCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns its exit code. */
    static int execute(String[] args, PrintWriter err) {
        return new CommandLine(new PreloadCommand()).setErr(err).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, learn or acl");
    }

    /** {@code run --config <file>}. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Start the application and run until SIGTERM or Ctrl-C. Environment variables "
                    + ConfigSources.ENV_PREFIX + "<KEY> override keys of the file (see ConfigSources).")
    static final class Run implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, paramLabel = "<file>",
                description = "the properties file (example: config/actor-preload.properties)")
        private Path config;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            PreloadApp app;
            try {
                app = PreloadApp.start(new PreloadTopologyConfig(loadSettings(config)));
            } catch (IOException | ConfigException e) {
                return usageError(err, config, e);
            } catch (StoreException e) {
                // e.g. libfdb_c missing for store.type=fdb, or a RocksDB folder another process holds
                err.println("error: cannot open the store: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "actor-preload-shutdown"));
            app.awaitClosed();
            return app.failed() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
        }
    }

    /** {@code learn --config <file>}. */
    @Command(name = "learn", mixinStandardHelpOptions = true,
            description = "Run the manifest learner (start-up reports in, learned manifests out) until SIGTERM or "
                    + "Ctrl-C. Its keys are ManifestLearnerConfig's (example: config/actor-preload-learner.properties); "
                    + "environment variables " + ConfigSources.ENV_PREFIX + "<KEY> override them.")
    static final class Learn implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, required = true, paramLabel = "<file>",
                description = "the learner's properties file (example: config/actor-preload-learner.properties)")
        private Path config;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            ManifestLearnerApp app;
            try {
                app = ManifestLearnerApp.start(new ManifestLearnerConfig(loadSettings(config)));
            } catch (IOException | ConfigException e) {
                return usageError(err, config, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "actor-preload-learner-shutdown"));
            app.awaitClosed();
            return app.failed() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
        }
    }

    private static Map<String, String> loadSettings(Path config) throws IOException {
        return ConfigSources.load(config, System.getenv());
    }

    /** One line for a configuration file that is missing, unreadable or wrong; exit code 2. */
    private static int usageError(PrintWriter err, Path config, Exception e) {
        if (e instanceof NoSuchFileException) {
            err.println("error: the configuration file " + config + " does not exist; give an existing file with --config");
        } else if (e instanceof IOException) {
            err.println("error: cannot read the configuration file " + config + ": " + e.getMessage());
        } else {
            err.println("error: " + e.getMessage());
        }
        return CommandLine.ExitCode.USAGE;
    }
}
