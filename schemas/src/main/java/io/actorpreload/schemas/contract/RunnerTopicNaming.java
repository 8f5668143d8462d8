package io.actorpreload.schemas.contract;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule that names a runner's topics, shared by the topology (which writes a runner's
 * commands) and the runner library (which creates and reads them): a pattern such as
 * {@value #DEFAULT_PATTERN} with the runner id in place of {@value #RUNNER_ID_PLACEHOLDER}; the
 * runner's dead-letter topic is its command topic plus {@value #DEAD_LETTER_SUFFIX}. Also says
 * whether a name is a legal Kafka topic name, because a runner id comes from the orchestrator and
 * may not give one. Immutable.
 */
public final class RunnerTopicNaming {
    /** Stands for the runner id in a pattern. */
    public static final String RUNNER_ID_PLACEHOLDER = "{runnerId}";
    /** The default pattern: {@code runner.<runnerId>.commands}. */
    public static final String DEFAULT_PATTERN = "runner." + RUNNER_ID_PLACEHOLDER + ".commands";
    /** Appended to a command topic's name to name the runner's dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private static final int MAX_TOPIC_NAME_LENGTH = 249;
    private static final Pattern LEGAL_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    private final String pattern;
    private final String prefix;
    private final String suffix;

    /**
     * @throws IllegalArgumentException unless {@code pattern} holds the placeholder exactly once
     *                                  and is legal around it
     */
    public RunnerTopicNaming(String pattern) {
        int at = pattern == null ? -1 : pattern.indexOf(RUNNER_ID_PLACEHOLDER);
        if (at < 0 || pattern.indexOf(RUNNER_ID_PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalArgumentException(
                    "must contain " + RUNNER_ID_PLACEHOLDER + " exactly once. Got: " + pattern);
        }
        this.pattern = pattern;
        this.prefix = pattern.substring(0, at);
        this.suffix = pattern.substring(at + RUNNER_ID_PLACEHOLDER.length());
        illegalReason(prefix + "x" + suffix + DEAD_LETTER_SUFFIX).ifPresent(reason -> {
            throw new IllegalArgumentException("does not give legal topic names: " + reason);
        });
    }

    /** The naming of {@link #DEFAULT_PATTERN}. */
    public static RunnerTopicNaming defaults() {
        return new RunnerTopicNaming(DEFAULT_PATTERN);
    }

    /** The pattern this naming was built from. */
    public String pattern() {
        return pattern;
    }

    /** The command topic of {@code runnerId}; possibly not a legal name, see {@link #illegalReason}. */
    public String commandTopicOf(String runnerId) {
        return prefix + runnerId + suffix;
    }

    /** The dead-letter topic of {@code runnerId}: its command topic plus {@value #DEAD_LETTER_SUFFIX}. */
    public String deadLetterTopicOf(String runnerId) {
        return commandTopicOf(runnerId) + DEAD_LETTER_SUFFIX;
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
            return Optional.of(
                    "a topic name may have at most " + MAX_TOPIC_NAME_LENGTH + " characters. Got " + topic.length());
        }
        if (!LEGAL_CHARS.matcher(topic).matches()) {
            return Optional.of("a topic name may contain only ASCII letters, digits, '.', '_' and '-'. Got: " + topic);
        }
        return Optional.empty();
    }
}
