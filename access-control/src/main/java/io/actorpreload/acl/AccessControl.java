package io.actorpreload.acl;

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
 * The PREFIXED grants (the runner topics; each application's internal topics and transactional ids)
 * must stay confined: names under which one of them would cover a pipeline topic (start requests,
 * manifests, dead letters, start-up reports) or another of them are refused for every role, with a
 * message naming both ({@link #requireConfined}).
 *
 * <p>Idempotent producers (the publisher, a runner's dead letters) need no cluster IDEMPOTENT_WRITE: since
 * Kafka 3.0 WRITE on a topic allows it. The runner-topic prefix also covers runners' dead-letter topics
 * (a prefix cannot exclude a suffix), so the topology could write a runner's dead letters too; it
 * writes their commands anyway. Stateless and thread-safe.
 */
public final class AccessControl {
    private AccessControl() {}

    /**
     * The bindings {@code role} needs, in a fixed order.
     *
     * @param principal e.g. {@code User:runner-1}
     * @throws IllegalArgumentException when the principal is not {@code <type>:<name>}, or the names do not
     *     allow the roles to be confined ({@link #requireConfined})
     */
    public static List<AclBinding> bindings(String principal, PipelineRole role, PipelineNames names) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(names, "names");
        requireConfined(names);
        Grants grants = new Grants(checkedPrincipal(principal));
        if (role instanceof PipelineRole.Runner runner) {
            String commands = names.runnerTopics().commandTopicOf(runner.runnerId());
            String deadLetters = names.runnerTopics().deadLetterTopicOf(runner.runnerId());
            grants.topic(
                    commands,
                    PatternType.LITERAL,
                    AclOperation.READ,
                    AclOperation.DESCRIBE,
                    AclOperation.CREATE,
                    AclOperation.DESCRIBE_CONFIGS);
            grants.topic(
                    deadLetters,
                    PatternType.LITERAL,
                    AclOperation.READ,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE,
                    AclOperation.CREATE,
                    AclOperation.DESCRIBE_CONFIGS);
            grants.add(ResourceType.GROUP, runner.groupId(), PatternType.LITERAL, AclOperation.READ);
            if (runner.startupReports()) {
                grants.topic(names.startReports(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
            }
        } else if (role instanceof PipelineRole.Topology) {
            grants.topic(names.startRequests(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(names.manifests(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(
                    names.deadLetters(),
                    PatternType.LITERAL,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
            grants.topic(
                    names.runnerTopicPrefix(),
                    PatternType.PREFIXED,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
            grants.streamsApplication(names.topologyApplicationId());
        } else if (role instanceof PipelineRole.Learner) {
            grants.topic(names.startReports(), PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
            grants.topic(
                    names.manifests(),
                    PatternType.LITERAL,
                    AclOperation.READ,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE);
            grants.streamsApplication(names.learnerApplicationId());
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
    public static List<AclBinding> grant(
            Admin admin, String principal, PipelineRole role, PipelineNames names, Duration timeout) {
        List<AclBinding> bindings = bindings(principal, role, names);
        try {
            admin.createAcls(bindings).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "The broker refused the ACLs of " + principal + ": " + e.getCause()
                            + " (the admin client must be allowed to ALTER the cluster, e.g. a super user)",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException(
                    "Creating the ACLs of " + principal + " took longer than " + timeout + ": is the broker reachable?",
                    e);
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
                + pattern.resourceType() + " " + pattern.name() + " (" + pattern.patternType() + ") from "
                + entry.host();
    }

    /**
     * Refuses names under which a PREFIXED grant would reach what another role owns: a runner topic
     * pattern starting with {@code {runnerId}} (no prefix to grant), or one of the three prefixes (the
     * runner topics', the topology's and the learner's {@code <application.id>-}) covering a pipeline
     * topic or overlapping another of them, in either direction.
     *
     * @throws IllegalArgumentException naming both resources and what to change
     */
    public static void requireConfined(PipelineNames names) {
        if (names.runnerTopicPrefix().isEmpty()) {
            throw new IllegalArgumentException(
                    "The runner topic pattern " + names.runnerTopics().pattern()
                            + " starts with the runner id: no prefix covers the runner topics and nothing else. Give the "
                            + "pattern a fixed start, e.g. runner.{runnerId}.commands");
        }
        List<Named> prefixes = List.of(
                new Named(
                        "the runner topics (pattern " + names.runnerTopics().pattern() + ")",
                        names.runnerTopicPrefix()),
                new Named(
                        "the topology's internal topics and transactional ids (application.id "
                                + names.topologyApplicationId() + ")",
                        names.topologyApplicationId() + "-"),
                new Named(
                        "the learner's internal topics and transactional ids (application.id "
                                + names.learnerApplicationId() + ")",
                        names.learnerApplicationId() + "-"));
        List<Named> topics = List.of(
                new Named("the start-request topic", names.startRequests()),
                new Named("the manifest topic", names.manifests()),
                new Named("the topology's dead-letter topic", names.deadLetters()),
                new Named("the start-up report topic", names.startReports()));
        for (int i = 0; i < prefixes.size(); i++) {
            Named prefix = prefixes.get(i);
            for (Named topic : topics) {
                if (topic.name().startsWith(prefix.name())) {
                    throw new IllegalArgumentException(
                            "The prefix " + prefix.name() + " of " + prefix.what() + " covers " + topic.what() + " "
                                    + topic.name() + ", so its grant would reach it: rename one of them");
                }
            }
            for (Named other : prefixes.subList(i + 1, prefixes.size())) {
                if (prefix.name().startsWith(other.name()) || other.name().startsWith(prefix.name())) {
                    throw new IllegalArgumentException("The prefix " + prefix.name() + " of " + prefix.what()
                            + " and the prefix " + other.name() + " of " + other.what()
                            + " overlap, so one grant would reach the other's resources: rename one of them");
                }
            }
        }
    }

    /** A resource name and what it is, for messages. */
    private record Named(String what, String name) {}

    private static String checkedPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        try {
            SecurityUtils.parseKafkaPrincipal(principal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "A principal is <type>:<name>, e.g. User:runner-1. Got: '" + principal + "'", e);
        }
        if (principal.endsWith(":*")) {
            throw new IllegalArgumentException(
                    "A role is granted to one principal, not to every one. Got: " + principal);
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
        void streamsApplication(String applicationId) {
            String internalPrefix = applicationId + "-";
            add(ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ);
            topic(
                    internalPrefix,
                    PatternType.PREFIXED,
                    AclOperation.CREATE,
                    AclOperation.READ,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS);
            add(
                    ResourceType.TRANSACTIONAL_ID,
                    internalPrefix,
                    PatternType.PREFIXED,
                    AclOperation.WRITE,
                    AclOperation.DESCRIBE);
        }

        void topic(String name, PatternType type, AclOperation... operations) {
            add(ResourceType.TOPIC, name, type, operations);
        }

        void add(ResourceType resource, String name, PatternType type, AclOperation... operations) {
            for (AclOperation operation : operations) {
                bindings.add(new AclBinding(
                        new ResourcePattern(resource, name, type),
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
        }
    }
}
