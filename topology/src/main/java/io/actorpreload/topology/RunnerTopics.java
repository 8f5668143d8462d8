package io.actorpreload.topology;

import java.util.OptionalInt;

/**
 * Knows which runner command topics exist, and the largest message each accepts, so a start
 * request for a runner without a topic goes to the dead letters at once instead of blocking the
 * producer. Implementations answer within a bounded time (about a second at most) and are
 * thread-safe: every stream thread asks.
 */
@FunctionalInterface
public interface RunnerTopics {
    /**
     * @param topic a legal topic name
     * @return the topic's {@code max.message.bytes}; empty when the topic does not exist or its
     *         existence could not be confirmed in time
     */
    OptionalInt maxMessageBytes(String topic);
}
