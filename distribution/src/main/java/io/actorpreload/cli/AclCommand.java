package io.actorpreload.cli;

import io.actorpreload.acl.AccessControl;
import io.actorpreload.acl.PipelineNames;
import io.actorpreload.acl.PipelineRole;
import io.actorpreload.learner.ManifestLearnerConfig;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.topology.ConfigSources;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code actor-preload acl} ({@code bin/acl}): creates, for one principal and one {@link PipelineRole},
 * exactly the ACLs {@link AccessControl#bindings} computes, and prints them; {@code --dry-run} only
 * prints. Topic names and the {@code application.id} come from the topology's configuration file when
 * {@code --config} is given, else from the defaults. The broker is reached as in Kafka's own tools:
 * {@code --bootstrap-server} and an admin client properties file {@code --command-config} (the security
 * settings of a principal allowed to ALTER the cluster). Exit codes: 0 done, 1 the broker refused or did
 * not answer, 2 bad usage.
 */
@Command(
        name = "acl",
        mixinStandardHelpOptions = true,
        description = "Create (and print) exactly the Kafka ACLs one principal needs for one role of the pipeline.")
final class AclCommand implements Callable<Integer> {
    /** The roles, as named on the command line. */
    enum Role {
        runner,
        topology,
        publisher,
        orchestrator,
        learner
    }

    @Option(
            names = "--principal",
            required = true,
            paramLabel = "<type:name>",
            description = "the principal to grant to, e.g. User:runner-1")
    private String principal;

    @Option(names = "--role", required = true, paramLabel = "<role>", description = "one of: ${COMPLETION-CANDIDATES}")
    private Role role;

    @Option(names = "--runner-id", paramLabel = "<id>", description = "the runner's id (role runner)")
    private String runnerId;

    @Option(
            names = "--group",
            paramLabel = "<group>",
            description = "the runner's consumer group when it is not the default runner-<id> (role runner)")
    private String group;

    @Option(
            names = "--startup-reports",
            description =
                    "the runner sends start-up reports (RunnerConfig startupReports): also WRITE the report topic (role runner)")
    private boolean startupReports;

    @Option(
            names = "--application-id",
            paramLabel = "<id>",
            description = "the learner's application.id (role learner; default: "
                    + ManifestLearnerConfig.DEFAULT_APPLICATION_ID
                    + "); it must not overlap the topology's or any pipeline topic")
    private String applicationId;

    @Option(
            names = "--reports-topic",
            paramLabel = "<topic>",
            description = "the start-up report topic (roles runner with --startup-reports, learner; default: "
                    + PipelineTopics.START_REPORTS + ")")
    private String reportsTopic;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "<file>",
            description = "the topology's properties file: topic names, runner topic pattern, application.id, "
                    + "bootstrap.servers (environment overrides apply, as for run)")
    private Path config;

    @Option(
            names = "--bootstrap-server",
            paramLabel = "<host:port>",
            description = "the brokers; default: bootstrap.servers of --config")
    private String bootstrapServer;

    @Option(
            names = "--command-config",
            paramLabel = "<file>",
            description = "admin client properties (security.protocol, sasl.mechanism, sasl.jaas.config, ...)")
    private Path commandConfig;

    @Option(
            names = "--timeout-seconds",
            paramLabel = "<s>",
            defaultValue = "30",
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    private long timeoutSeconds;

    @Option(names = "--dry-run", description = "print the ACLs without creating them")
    private boolean dryRun;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<AclBinding> bindings;
        try {
            Map<String, String> settings = config == null ? Map.of() : ConfigSources.load(config, System.getenv());
            PreloadTopologyConfig topologyConfig = settings.isEmpty() ? null : new PreloadTopologyConfig(settings);
            PipelineNames names = topologyConfig == null ? PipelineNames.defaults() : PipelineNames.of(topologyConfig);
            if (reportsTopic != null) {
                names = names.withStartReports(reportsTopic);
            }
            if (applicationId != null) {
                names = names.withApplicationIds(names.topologyApplicationId(), applicationId);
            }
            PipelineRole pipelineRole = pipelineRole();
            bindings = AccessControl.bindings(principal, pipelineRole, names);
            if (dryRun) {
                out.println("Would grant " + principal + " these " + bindings.size() + " ACLs as " + role + ":");
                bindings.forEach(binding -> out.println("  " + AccessControl.describe(binding)));
                out.flush();
                return CommandLine.ExitCode.OK;
            }
            try (Admin admin = Admin.create(adminConfig(topologyConfig))) {
                AccessControl.grant(admin, principal, pipelineRole, names, Duration.ofSeconds(timeoutSeconds));
            }
        } catch (NoSuchFileException e) {
            err.println("error: the file " + e.getFile() + " does not exist");
            return CommandLine.ExitCode.USAGE;
        } catch (IOException e) {
            err.println("error: cannot read " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        } catch (KafkaException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        out.println("Granted " + principal + " these " + bindings.size() + " ACLs as " + role + ":");
        bindings.forEach(binding -> out.println("  " + AccessControl.describe(binding)));
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private PipelineRole pipelineRole() {
        if (role != Role.runner && (runnerId != null || group != null || startupReports)) {
            throw new IllegalArgumentException("--runner-id, --group and --startup-reports belong to --role runner");
        }
        if (role != Role.learner && applicationId != null) {
            throw new IllegalArgumentException(
                    "--application-id belongs to --role learner (the topology's comes from --config)");
        }
        switch (role) {
            case runner:
                if (runnerId == null) {
                    throw new IllegalArgumentException("--role runner needs --runner-id");
                }
                PipelineRole.Runner runner =
                        group == null ? PipelineRole.Runner.of(runnerId) : new PipelineRole.Runner(runnerId, group);
                return startupReports ? runner.withStartupReports() : runner;
            case topology:
                return new PipelineRole.Topology();
            case publisher:
                return new PipelineRole.ManifestPublisher();
            case orchestrator:
                return new PipelineRole.Orchestrator();
            case learner:
                return new PipelineRole.Learner();
            default:
                throw new IllegalArgumentException("Unknown role " + role);
        }
    }

    private Map<String, Object> adminConfig(PreloadTopologyConfig topologyConfig) throws IOException {
        Map<String, Object> adminConfig = new HashMap<>();
        if (commandConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties
                    .stringPropertyNames()
                    .forEach(name ->
                            adminConfig.put(name, properties.getProperty(name).trim()));
        }
        String servers = bootstrapServer != null
                ? bootstrapServer
                : topologyConfig != null
                        ? topologyConfig.getString(PreloadTopologyConfig.BOOTSTRAP_SERVERS_CONFIG)
                        : (String) adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        if (servers == null) {
            throw new IllegalArgumentException("give the brokers with --bootstrap-server (or --config, or "
                    + "bootstrap.servers in --command-config), or use --dry-run");
        }
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "actor-preload-acl");
        int timeoutMs = (int)
                Math.min(Integer.MAX_VALUE, Duration.ofSeconds(timeoutSeconds).toMillis());
        adminConfig.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return adminConfig;
    }
}
