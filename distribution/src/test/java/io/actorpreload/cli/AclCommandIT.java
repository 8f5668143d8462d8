package io.actorpreload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.acl.AccessControl;
import io.actorpreload.acl.PipelineNames;
import io.actorpreload.acl.PipelineRole;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code actor-preload acl} against the secured shared stack, as an administrator runs it: the broker
 * then holds exactly the bindings the command printed; a client that is not a super user is refused
 * with exit code 1 and one line.
 */
class AclCommandIT {
    private final LocalStack stack = SharedLocalStack.secured();

    @TempDir
    Path dir;

    @Test
    void shouldCreateExactlyTheRolesAclsAsTheSuperUser() throws Exception {
        String principal = "User:orchestrator-" + UUID.randomUUID().toString().substring(0, 8);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ActorPreloadCli())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(
                        "acl",
                        "--bootstrap-server",
                        stack.bootstrapServers(),
                        "--command-config",
                        properties(stack.broker().adminClientProperties()).toString(),
                        "--principal",
                        principal,
                        "--role",
                        "orchestrator");
        assertThat(exit).as(err::toString).isZero();
        assertThat(out.toString()).contains("Granted " + principal + " these 2 ACLs as orchestrator:");

        Map<String, Object> adminProps = new HashMap<>(stack.broker().adminClientProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            var onBroker = new HashSet<AclBinding>();
            for (AclBinding binding :
                    admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                if (binding.entry().principal().equals(principal)) {
                    onBroker.add(binding);
                }
            }
            assertThat(onBroker)
                    .containsExactlyInAnyOrderElementsOf(AccessControl.bindings(
                            principal, new PipelineRole.Orchestrator(), PipelineNames.defaults()));
        }
    }

    @Test
    void shouldFailInOneLineWhenTheBrokerRefusesTheAdministrator() throws Exception {
        String user = "not-admin-" + UUID.randomUUID().toString().substring(0, 8);
        stack.broker().createScramUser(user, user + "-secret");
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ActorPreloadCli())
                .setErr(new PrintWriter(err))
                .execute(
                        "acl",
                        "--bootstrap-server",
                        stack.bootstrapServers(),
                        "--command-config",
                        properties(stack.broker().clientProperties(user, user + "-secret"))
                                .toString(),
                        "--principal",
                        "User:someone",
                        "--role",
                        "publisher");
        assertThat(exit).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString())
                .startsWith("error: The broker refused the ACLs of User:someone")
                .contains("ClusterAuthorizationException")
                .doesNotContain("\tat ");
    }

    private Path properties(Map<String, Object> settings) throws Exception {
        Properties properties = new Properties();
        settings.forEach((key, value) -> properties.setProperty(key, value.toString()));
        Path file = Files.createTempFile(dir, "admin", ".properties");
        try (var writer = Files.newBufferedWriter(file)) {
            properties.store(writer, null);
        }
        return file;
    }
}
