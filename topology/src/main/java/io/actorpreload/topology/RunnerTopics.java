package io.actorpreload.topology;

import java.util.Objects;

/**
 * Knows which runner command topics exist, and the largest message each accepts, so that a start
 * request for a runner without a topic goes to the dead letters at once instead of blocking the
 * producer, while one whose topic could not be checked (a slow or unreachable broker) is retried
 * instead of being dead-lettered. Implementations answer within a bounded time (about a second at
 * most) and are thread-safe: every stream thread asks.
 */
@FunctionalInterface
public interface RunnerTopics {
    /**
     * @param topic a legal topic name
     * @return what is known about the topic now; never null
     */
    Lookup lookup(String topic);

    /**
     * The answer about one topic: it {@linkplain Exists exists} (with its limit), it is
     * {@linkplain Missing confirmed missing}, or it is {@linkplain Unknown unknown} for now. Immutable.
     */
    sealed interface Lookup permits Exists, Missing, Unknown {
        static Lookup exists(int maxMessageBytes) {
            return new Exists(maxMessageBytes);
        }

        static Lookup missing() {
            return new Missing();
        }

        static Lookup unknown(String reason) {
            return new Unknown(reason);
        }
    }

    /** The topic exists and accepts records of up to {@code maxMessageBytes}. */
    record Exists(int maxMessageBytes) implements Lookup {
        public Exists {
            if (maxMessageBytes <= 0) {
                throw new IllegalArgumentException("maxMessageBytes must be positive. Got: " + maxMessageBytes);
            }
        }
    }

    /** The broker said the topic does not exist. */
    record Missing() implements Lookup {}

    /** Whether the topic exists could not be told (no answer in time, a broker error): ask again later. */
    record Unknown(String reason) implements Lookup {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
