package io.actorpreload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code actor-preload acl} on the command line, without a broker ({@code --dry-run}) and with bad usage. */
class AclCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new ActorPreloadCli())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void shouldPrintARunnersAclsOnADryRun() {
        assertThat(run("acl", "--principal", "User:runner-1", "--role", "runner", "--runner-id", "1", "--dry-run"))
                .isZero();
        assertThat(out.toString())
                .contains("Would grant User:runner-1 these 10 ACLs as runner:")
                .contains("User:runner-1 ALLOW READ on TOPIC runner.1.commands (LITERAL) from *")
                .contains("User:runner-1 ALLOW READ on GROUP runner-1 (LITERAL) from *");
    }

    @Test
    void shouldTakeNamesAndApplicationIdFromTheTopologysConfig() throws Exception {
        Path config = dir.resolve("actor-preload.properties");
        Files.writeString(
                config,
                "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:1\napplication.id=fleet-preload\n"
                        + "topic.start.requests=fleet-requests\ntopic.runner.commands.pattern=fleet.{runnerId}.commands\n");
        assertThat(run(
                        "acl",
                        "--principal",
                        "User:topology",
                        "--role",
                        "topology",
                        "--config",
                        config.toString(),
                        "--dry-run"))
                .as(err::toString)
                .isZero();
        assertThat(out.toString())
                .contains("READ on TOPIC fleet-requests (LITERAL)")
                .contains("WRITE on TOPIC fleet. (PREFIXED)")
                .contains("READ on GROUP fleet-preload (LITERAL)")
                .contains("WRITE on TRANSACTIONAL_ID fleet-preload- (PREFIXED)");
    }

    @Test
    void shouldPrintTheLearnersAclsAndAReportingRunnersWriteOfTheReportTopic() {
        assertThat(run(
                        "acl",
                        "--principal",
                        "User:learner",
                        "--role",
                        "learner",
                        "--application-id",
                        "fleet-learner",
                        "--reports-topic",
                        "fleet.reports",
                        "--dry-run"))
                .as(err::toString)
                .isZero();
        assertThat(out.toString())
                .contains("Would grant User:learner these 13 ACLs as learner:")
                .contains("READ on TOPIC fleet.reports (LITERAL)")
                .contains("WRITE on TOPIC actor-preload-manifests (LITERAL)")
                .contains("WRITE on TRANSACTIONAL_ID fleet-learner- (PREFIXED)");

        assertThat(run(
                        "acl",
                        "--principal",
                        "User:runner-1",
                        "--role",
                        "runner",
                        "--runner-id",
                        "1",
                        "--startup-reports",
                        "--dry-run"))
                .as(err::toString)
                .isZero();
        assertThat(out.toString())
                .contains("these 12 ACLs as runner:")
                .contains("User:runner-1 ALLOW WRITE on TOPIC actor-start-reports (LITERAL) from *");
    }

    @Test
    void shouldRefuseNamesUnderWhichOneRolesGrantReachesAnothersInOneLineNamingBoth() throws Exception {
        Path config = dir.resolve("overlapping.properties");
        Files.writeString(
                config,
                "bootstrap.servers=127.0.0.1:1\nschema.registry.url=http://127.0.0.1:1\n"
                        + "application.id=actor-preload\n");
        assertThat(run(
                        "acl",
                        "--principal",
                        "User:orchestrator",
                        "--role",
                        "orchestrator",
                        "--config",
                        config.toString(),
                        "--dry-run"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString())
                .startsWith("error: The prefix actor-preload- of the topology's internal topics")
                .contains("covers the manifest topic actor-preload-manifests")
                .endsWith(System.lineSeparator())
                .hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldRefuseRunnerOptionsForAnotherRole() {
        assertThat(run("acl", "--principal", "User:learner", "--role", "learner", "--startup-reports", "--dry-run"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("belong to --role runner");
    }

    @Test
    void shouldRefuseARunnerWithoutItsIdInOneLine() {
        assertThat(run("acl", "--principal", "User:runner-1", "--role", "runner", "--dry-run"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("error: --role runner needs --runner-id" + System.lineSeparator());
    }

    @Test
    void shouldRefuseToGrantWithoutBrokers() {
        assertThat(run("acl", "--principal", "User:o", "--role", "orchestrator"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--bootstrap-server");
    }
}
