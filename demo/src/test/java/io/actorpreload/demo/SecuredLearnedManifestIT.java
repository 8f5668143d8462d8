package io.actorpreload.demo;

import io.actorpreload.acl.AccessControl;
import io.actorpreload.acl.PipelineNames;
import io.actorpreload.acl.PipelineRole;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@link LearnedManifestIT} on the secured stack (SASL/SCRAM-SHA-512, StandardAuthorizer): every party
 * is its own principal with exactly the ACLs {@link AccessControl} grants its role, among them the
 * learner and a runner that sends start-up reports. Learning must work under those grants as it does
 * without them.
 */
class SecuredLearnedManifestIT extends LearnedManifestIT {
    private final Map<String, Map<String, Object>> parties = new HashMap<>();

    @Override
    protected LocalStack stack() {
        return SharedLocalStack.secured();
    }

    @Override
    protected synchronized Map<String, Object> as(String party) {
        LocalStack stack = stack();
        if (party.equals("admin")) {
            return stack.broker().adminClientProperties();
        }
        return parties.computeIfAbsent(party, name -> {
            String user = id + "-" + name;
            String password = UUID.randomUUID().toString();
            stack.broker().createScramUser(user, password);
            Map<String, Object> adminSettings = new HashMap<>(stack.broker().adminClientProperties());
            adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
            try (Admin admin = Admin.create(adminSettings)) {
                AccessControl.grant(admin, "User:" + user, roleOf(name), names(), Duration.ofSeconds(30));
            }
            return stack.broker().clientProperties(user, password);
        });
    }

    private PipelineNames names() {
        return new PipelineNames(requests, manifests, deadLetters, new RunnerTopicNaming(runnerPattern), reports)
                .withApplicationIds(topologyApplicationId, learnerApplicationId);
    }

    private PipelineRole roleOf(String party) {
        return switch (party) {
            case "publisher" -> new PipelineRole.ManifestPublisher();
            case "topology" -> new PipelineRole.Topology();
            case "learner" -> new PipelineRole.Learner();
            case "runner" -> PipelineRole.Runner.of(RUNNER_ID).withStartupReports();
            case "orchestrator" -> new PipelineRole.Orchestrator();
            default -> throw new IllegalArgumentException("no role for " + party);
        };
    }
}
