package io.actorpreload.topology;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names runner command topics: a pattern such as {@code runner.{runnerId}.commands} with the
 * request's runner id in place of the placeholder. Also says whether a name is a legal Kafka
 * topic name, because a runner id comes from the orchestrator and may not be. Immutable.
 */
public final class RunnerTopicNames {
    /** Stands for the runner id in a pattern. */
    public static final String RUNNER_ID_PLACEHOLDER = "{runnerId}";

    private static final int MAX_TOPIC_NAME_LENGTH = 249;
    private static final Pattern LEGAL_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    private final String prefix;
    private final String suffix;

    /**
     * @throws IllegalArgumentException unless {@code pattern} holds the placeholder exactly once
     *                                  and is legal around it
     */
    public RunnerTopicNames(String pattern) {
        int at = pattern == null ? -1 : pattern.indexOf(RUNNER_ID_PLACEHOLDER);
        if (at < 0 || pattern.indexOf(RUNNER_ID_PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalArgumentException("must contain " + RUNNER_ID_PLACEHOLDER + " exactly once. Got: " + pattern);
        }
        this.prefix = pattern.substring(0, at);
        this.suffix = pattern.substring(at + RUNNER_ID_PLACEHOLDER.length());
        illegalReason(prefix + "x" + suffix).ifPresent(reason -> {
            throw new IllegalArgumentException("does not give legal topic names: " + reason);
        });
    }

    /** The command topic of {@code runnerId}; possibly not a legal name, see {@link #illegalReason}. */
    public String topicOf(String runnerId) {
        return prefix + runnerId + suffix;
    }

    /** Why {@code topic} is not a legal Kafka topic name; empty when it is legal. */
    public static Optional<String> illegalReason(String topic) {
        if (topic == null || topic.isEmpty()) {
            return Optional.of("a topic name may not be empty");
        }
        if (topic.equals(".") || topic.equals("..")) {
            return Optional.of("a topic name may not be '.' or '..'. Got: " + topic);
        }
        if (topic.length() > MAX_TOPIC_NAME_LENGTH) {
            return Optional.of("a topic name may have at most " + MAX_TOPIC_NAME_LENGTH + " characters. Got "
                    + topic.length());
        }
        if (!LEGAL_CHARS.matcher(topic).matches()) {
            return Optional.of("a topic name may contain only ASCII letters, digits, '.', '_' and '-'. Got: " + topic);
        }
        return Optional.empty();
    }
}
