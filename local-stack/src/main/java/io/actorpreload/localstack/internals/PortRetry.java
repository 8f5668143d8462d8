package io.actorpreload.localstack.internals;

import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a child whose freshly picked port may be taken by someone else before the child binds
 * it: tries up to {@value #MAX_ATTEMPTS} times, each attempt with new ports. Stateless.
 */
public final class PortRetry {
    private static final Logger LOG = LoggerFactory.getLogger(PortRetry.class);
    private static final int MAX_ATTEMPTS = 3;

    private PortRetry() {}

    /**
     * Calls {@code attempt} with the attempt number (from 1) until it does not throw
     * {@link PortTakenException}; after the last attempt throws its {@link PortTakenException#failure()}.
     *
     * @param what names the child in the warning, e.g. "the Kafka broker"
     * @param beforeRetry clears what a failed attempt left behind
     */
    public static <T> T start(String what, IntFunction<T> attempt, Runnable beforeRetry) {
        for (int number = 1; ; number++) {
            try {
                return attempt.apply(number);
            } catch (PortTakenException e) {
                if (number == MAX_ATTEMPTS) {
                    throw e.failure();
                }
                LOG.warn("A port picked for {} was taken before it bound it; retrying with other ports", what);
                beforeRetry.run();
            }
        }
    }
}
