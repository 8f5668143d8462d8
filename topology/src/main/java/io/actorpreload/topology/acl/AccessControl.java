package io.actorpreload.topology.acl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

/**
 * The Kafka ACLs each {@link PipelineRole} needs, and nothing more (see docs/ARCHITECTURE.md, "Access
 * control"). Every binding ALLOWs one operation to one principal from any host:
 *
 * <ul>
 *   <li><b>runner</b>: its command topic READ, DESCRIBE, CREATE, DESCRIBE_CONFIGS (it registers itself and
 *       checks the topic's size limit); its dead-letter topic the same plus WRITE (it dead-letters there);
 *       its group READ; when it sends start-up reports, the report topic WRITE, DESCRIBE. All LITERAL, so
 *       runner {@code 1} is never granted anything of runner {@code 10}.</li>
 *   <li><b>topology</b>: the start-request and manifest topics READ, DESCRIBE; its dead-letter topic WRITE,
 *       DESCRIBE, DESCRIBE_CONFIGS; runner topics by prefix WRITE, DESCRIBE, DESCRIBE_CONFIGS (the Admin
 *       checks read their {@code max.message.bytes}) and no READ; its group ({@code application.id}) READ;
 *       topics prefixed {@code <application.id>-} (Streams' changelogs) CREATE, READ, WRITE, DESCRIBE,
 *       DESCRIBE_CONFIGS; transactional ids prefixed {@code <application.id>-} WRITE, DESCRIBE (exactly-once).</li>
 *   <li><b>manifest publisher</b>: the manifest topic WRITE, DESCRIBE.</li>
 *   <li><b>orchestrator</b>: the start-request topic WRITE, DESCRIBE.</li>
 *   <li><b>learner</b>: the report topic READ, DESCRIBE; the manifest topic READ, WRITE, DESCRIBE (it reads
 *       which manifest is in force and writes learned ones); its group, internal topics and transactional
 *       ids as the topology's, under its own {@code application.id}; no runner topic, no start request.</li>
 * </ul>
 *
 * Idempotent producers (the publisher, a runner's dead letters) need no cluster IDEMPOTENT_WRITE: since
 * Kafka 3.0 WRITE on a topic allows it. The runner-topic prefix also covers runners' dead-letter topics
 * (a prefix cannot exclude a suffix), so the topology could write a runner's dead letters too; it
 * writes their commands anyway. Stateless and thread-safe.
 */
public final class AccessControl {
    private AccessControl() {
    }

    /**
     * The bindings {@code role} needs, in a fixed order.
     *
     * @param principal e.g. {@code User:runner-1}
     * @throws IllegalArgumentException when the principal is not {@code <type>:<name>}, or the names do not
     *     allow the role to be confined: a runner topic pattern starting with {@code {runnerId}} (no prefix to
     *     grant), or an {@code application.id} whose internal-topic prefix overlaps the runner topics' prefix
     */
    public static List<AclBinding> bindings(String principal, PipelineRole role, PipelineNames names) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(names, "names");
        Grants grants = new Grants(checkedPrincipal(principal));
        if (role instanceof PipelineRole.Runner runner) {
            String commands = names.runnerTopics().commandTopicOf(runner.runnerId());
            String deadLetters = names.runnerTopics().deadLetterTopicOf(runner.runnerId());
            grants.topic(commands, PatternType.LITERAL,
                    AclOperation.READ, AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
            grants.topic(deadLetters, PatternType.LITERAL, AclOperation.READ, AclOperation.WRITE,
                    AclOperation.DESCRIBE, AclOperation.CREATE, AclOperation.DESCRIBE_CONFIGS);
            grants.add(ResourceType.GROUP, runner.groupId(), PatternType.LITERAL, AclOperation.READ);
            if (runner.startupReports()) {
                grants.topic(names.startReports(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
            }
        } else if (role instanceof PipelineRole.Topology topology) {
            String runnerPrefix = runnerTopicPrefix(names);
            String internalPrefix = confinedInternalPrefix(topology.applicationId(), runnerPrefix);
            grants.topic(names.startRequests(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(names.manifests(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(names.deadLetters(), PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            grants.topic(runnerPrefix, PatternType.PREFIXED,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            grants.streamsApplication(topology.applicationId(), internalPrefix);
        } else if (role instanceof PipelineRole.Learner learner) {
            String internalPrefix = confinedInternalPrefix(learner.applicationId(), runnerTopicPrefix(names));
            grants.topic(names.startReports(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(names.manifests(), PatternType.LITERAL, AclOperation.READ, AclOperation.WRITE,
                    AclOperation.DESCRIBE);
            grants.streamsApplication(learner.applicationId(), internalPrefix);
        } else if (role instanceof PipelineRole.ManifestPublisher) {
            grants.topic(names.manifests(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
        } else if (role instanceof PipelineRole.Orchestrator) {
            grants.topic(names.startRequests(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
        } else {
            throw new IllegalArgumentException("Unknown role: " + role);
        }
        return List.copyOf(grants.bindings);
    }

    /**
     * Creates {@link #bindings} through {@code admin} (an existing binding is kept as it is) and returns them.
     *
     * @throws KafkaException when the broker refuses (e.g. {@code admin} is not allowed to ALTER the cluster)
     *     or does not answer within {@code timeout}
     */
    public static List<AclBinding> grant(Admin admin, String principal, PipelineRole role, PipelineNames names,
                                         Duration timeout) {
        List<AclBinding> bindings = bindings(principal, role, names);
        try {
            admin.createAcls(bindings).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("The broker refused the ACLs of " + principal + ": " + e.getCause()
                    + " (the admin client must be allowed to ALTER the cluster, e.g. a super user)", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Creating the ACLs of " + principal + " took longer than " + timeout
                    + ": is the broker reachable?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while creating the ACLs of " + principal, e);
        }
        return bindings;
    }

    /** One binding on one line: {@code User:runner-1 ALLOW READ on TOPIC runner.1.commands (LITERAL) from *}. */
    public static String describe(AclBinding binding) {
        AccessControlEntry entry = binding.entry();
        ResourcePattern pattern = binding.pattern();
        return entry.principal() + " " + entry.permissionType() + " " + entry.operation() + " on "
                + pattern.resourceType() + " " + pattern.name() + " (" + pattern.patternType() + ") from " + entry.host();
    }

    private static String runnerTopicPrefix(PipelineNames names) {
        String prefix = names.runnerTopicPrefix();
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("The runner topic pattern " + names.runnerTopics().pattern()
                    + " starts with the runner id: no prefix covers the runner topics and nothing else. Give the "
                    + "pattern a fixed start, e.g. runner.{runnerId}.commands");
        }
        return prefix;
    }

    /**
     * {@code <applicationId>-}, the prefix of a Streams application's internal topics and transactional ids,
     * refused when it overlaps the runner topics' prefix (the grant would then cover runners' commands).
     */
    private static String confinedInternalPrefix(String applicationId, String runnerPrefix) {
        String internalPrefix = applicationId + "-";
        if (runnerPrefix.startsWith(internalPrefix) || internalPrefix.startsWith(runnerPrefix)) {
            throw new IllegalArgumentException("The internal topics of " + applicationId + " (prefix " + internalPrefix
                    + ") and the runner topics (prefix " + runnerPrefix + ") overlap, which would grant READ of "
                    + "runners' commands: choose an application.id that neither prefixes the runner topics nor "
                    + "starts with their prefix");
        }
        return internalPrefix;
    }

    private static String checkedPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        try {
            SecurityUtils.parseKafkaPrincipal(principal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A principal is <type>:<name>, e.g. User:runner-1. Got: '" + principal
                    + "'", e);
        }
        if (principal.endsWith(":*")) {
            throw new IllegalArgumentException("A role is granted to one principal, not to every one. Got: " + principal);
        }
        return principal;
    }

    /** Collects ALLOW bindings of one principal from any host. */
    private static final class Grants {
        private final String principal;
        private final List<AclBinding> bindings = new ArrayList<>();

        Grants(String principal) {
            this.principal = principal;
        }

        /** A Kafka Streams application's own group, internal topics (changelogs) and exactly-once transactional ids. */
        void streamsApplication(String applicationId, String internalPrefix) {
            add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ);
            topic(internalPrefix, PatternType.PREFIXED, AclOperation.CREATE, AclOperation.READ,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS);
            add(ResourceType.TRANSACTIONAL_ID, internalPrefix, PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE);
        }

        void topic(String name, PatternType type, AclOperation... operations) {
            add(ResourceType.TOPIC, name, type, operations);
        }

        void add(ResourceType resource, String name, PatternType type, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(new ResourcePattern(resource, name, type),
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
    }
}
