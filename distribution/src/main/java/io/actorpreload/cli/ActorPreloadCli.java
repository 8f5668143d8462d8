package io.actorpreload.cli;

import io.actorpreload.learner.ManifestLearnerApp;
import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.topology.ConfigSources;
import io.actorpreload.topology.PreloadApp;
import io.actorpreload.topology.PreloadTopologyConfig;
import io.actorpreload.topology.RunningApplication;
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
@Command(
        name = "actor-preload",
        mixinStandardHelpOptions = true,
        subcommands = {ActorPreloadCli.Run.class, ActorPreloadCli.Learn.class, AclCommand.class},
        description = "Kafka Streams application: start requests in, budgeted snapshot preload, start commands out.")
public final class ActorPreloadCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns its exit code. */
    static int execute(String[] args, PrintWriter err) {
        return new CommandLine(new ActorPreloadCli()).setErr(err).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, learn or acl");
    }

    /**
     * A subcommand that starts one application from a properties file ({@code --config}) and runs it
     * until it is closed or fails; a file that is missing, unreadable or wrong gets one line and exit 2.
     */
    abstract static class ApplicationCommand implements Callable<Integer> {
        @Option(
                names = {"-c", "--config"},
                required = true,
                paramLabel = "<file>",
                description = "the properties file (examples: config/actor-preload.properties for run, "
                        + "config/actor-preload-learner.properties for learn)")
        private Path config;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        /** Starts the application from the file's settings, environment overrides applied. */
        abstract RunningApplication start(Map<String, String> settings);

        /** The name of the shutdown hook thread that closes the application. */
        abstract String shutdownHookName();

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            RunningApplication app;
            try {
                app = start(ConfigSources.load(config, System.getenv()));
            } catch (NoSuchFileException e) {
                err.println("error: the configuration file " + config
                        + " does not exist; give an existing file with --config");
                return CommandLine.ExitCode.USAGE;
            } catch (IOException e) {
                err.println("error: cannot read the configuration file " + config + ": " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            } catch (ConfigException e) {
                err.println("error: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            } catch (StoreException e) {
                // e.g. libfdb_c missing for store.type=fdb, or a RocksDB folder another process holds
                err.println("error: cannot open the store: " + e.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, shutdownHookName()));
            app.awaitClosed();
            return app.failed() ? CommandLine.ExitCode.SOFTWARE : CommandLine.ExitCode.OK;
        }
    }

    /** {@code run --config <file>}. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = "Start the application and run until SIGTERM or Ctrl-C. Environment variables "
                    + ConfigSources.ENV_PREFIX + "<KEY> override keys of the file (see ConfigSources).")
    static final class Run extends ApplicationCommand {
        @Override
        RunningApplication start(Map<String, String> settings) {
            return PreloadApp.start(new PreloadTopologyConfig(settings));
        }

        @Override
        String shutdownHookName() {
            return "actor-preload-shutdown";
        }
    }

    /** {@code learn --config <file>}. */
    @Command(
            name = "learn",
            mixinStandardHelpOptions = true,
            description = "Run the manifest learner (start-up reports in, learned manifests out) until SIGTERM or "
                    + "Ctrl-C. Its keys are ManifestLearnerConfig's (example: config/actor-preload-learner.properties); "
                    + "environment variables " + ConfigSources.ENV_PREFIX + "<KEY> override them.")
    static final class Learn extends ApplicationCommand {
        @Override
        RunningApplication start(Map<String, String> settings) {
            return ManifestLearnerApp.start(new ManifestLearnerConfig(settings));
        }

        @Override
        String shutdownHookName() {
            return "actor-preload-learner-shutdown";
        }
    }
}
