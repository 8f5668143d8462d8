package io.actorpreload.runner.internals;

import io.actorpreload.runner.RunnerAccessDeniedException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Tells a runner, before it consumes, whether its ACLs let it do what it must (READ its command topic,
 * WRITE its dead-letter topic, READ its group), and turns any authorization refusal into a
 * {@link RunnerAccessDeniedException} naming the principal, the resource and the operation. A refusal is
 * never retried: waiting does not grant an ACL. Stateless.
 */
public final class RunnerAccess {
    private static final Pattern JAAS_USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private RunnerAccess() {}

    /**
     * The principal {@code clientProperties} authenticate as, as well as they tell: {@code User:<username>} of a
     * SASL JAAS login (the default principal builder's mapping), the certificate's for TLS, else anonymous.
     */
    public static String principalOf(Map<String, ?> clientProperties) {
        Object protocol = clientProperties.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        String text =
                protocol == null ? "PLAINTEXT" : protocol.toString().trim().toUpperCase(Locale.ROOT);
        if (text.startsWith("SASL")) {
            Object jaas = clientProperties.get(SaslConfigs.SASL_JAAS_CONFIG);
            Matcher username = JAAS_USERNAME.matcher(jaas == null ? "" : jaas.toString());
            return username.find()
                    ? "User:" + username.group(1)
                    : "the SASL principal of " + clientProperties.get(SaslConfigs.SASL_MECHANISM);
        }
        if (text.equals("SSL")) {
            return "the principal of the TLS certificate in "
                    + clientProperties.get(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        }
        return "User:ANONYMOUS";
    }

    /**
     * Checks the runner's operations on its topics and group.
     *
     * @throws RunnerAccessDeniedException naming the first operation its ACLs do not allow
     * @throws KafkaException when the broker does not answer within {@code timeout}
     */
    public static void check(
            Admin admin,
            String runnerId,
            String principal,
            String commandTopic,
            String deadLetterTopic,
            String groupId,
            Duration timeout) {
        requireOnTopic(admin, runnerId, principal, commandTopic, AclOperation.READ, timeout);
        requireOnTopic(admin, runnerId, principal, deadLetterTopic, AclOperation.WRITE, timeout);
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(
                            List.of(groupId), new DescribeConsumerGroupsOptions().includeAuthorizedOperations(true))
                    .describedGroups()
                    .get(groupId)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<AclOperation> allowed = group.authorizedOperations();
            // A group that never had a member may come back without its operations: the first poll tells then.
            if (allowed != null && !allowed.isEmpty() && !allowed.contains(AclOperation.READ)) {
                throw denied(runnerId, principal, "group " + groupId, AclOperation.READ.name(), null);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupAuthorizationException) {
                throw denied(runnerId, principal, "group " + groupId, AclOperation.READ.name(), e.getCause());
            }
            // Other answers (e.g. a group not created yet) say nothing about access; the first poll tells.
        } catch (TimeoutException e) {
            throw new KafkaException(
                    "Checking the runner's access to its group " + groupId + " took longer than " + timeout
                            + ": is the broker reachable?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while checking the runner's access to its group " + groupId, e);
        }
    }

    /**
     * The refusal {@code error} was, as a {@link RunnerAccessDeniedException}; {@code null} when it is none.
     *
     * @param resource  what was refused, e.g. {@code topic runner.1.commands}
     * @param operation what the runner tried, e.g. {@code CREATE}
     */
    public static RunnerAccessDeniedException refusal(
            Throwable error, String runnerId, String principal, String resource, String operation) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RunnerAccessDeniedException already) {
                return already;
            }
            if (cause instanceof AuthorizationException) {
                return denied(runnerId, principal, resource, operation, cause);
            }
        }
        return null;
    }

    /** Describes {@code topic} with its authorized operations; a topic just created may take a moment to be known. */
    private static TopicDescription describe(Admin admin, String topic, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return admin.describeTopics(
                                List.of(topic), new DescribeTopicsOptions().includeAuthorizedOperations(true))
                        .topicNameValues()
                        .get(topic)
                        .get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** A refusal of {@code operation} on {@code resource}, with what to do about it. */
    public static RunnerAccessDeniedException denied(
            String runnerId, String principal, String resource, String operation, Throwable cause) {
        String message = "Runner " + runnerId + " authenticates as " + principal + ", which may not " + operation
                + " the " + resource + (cause == null ? "" : " (the broker refused: " + cause + ")")
                + ". Grant the runner its ACLs, e.g. actor-preload acl --principal " + principal
                + " --role runner --runner-id " + runnerId + ", and start it again.";
        return new RunnerAccessDeniedException(principal, resource, operation, message, cause);
    }

    private static void requireOnTopic(
            Admin admin, String runnerId, String principal, String topic, AclOperation operation, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            TopicDescription description = describe(admin, topic, deadline);
            Set<AclOperation> allowed = description.authorizedOperations();
            if (allowed != null && !allowed.contains(operation) && !allowed.contains(AclOperation.ALL)) {
                throw denied(runnerId, principal, "topic " + topic, operation.name(), null);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                throw denied(runnerId, principal, "topic " + topic, operation.name(), e.getCause());
            }
            throw new KafkaException(
                    "Cannot check the runner's access to the topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException(
                    "Checking the runner's access to the topic " + topic + " took longer than " + timeout
                            + ": is the broker reachable?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while checking the runner's access to the topic " + topic, e);
        }
    }
}
