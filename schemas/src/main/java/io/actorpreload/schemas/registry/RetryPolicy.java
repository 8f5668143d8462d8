package io.actorpreload.schemas.registry;

import java.time.Duration;

/**
 * How often and after what waits a failed registry request is retried: exponential backoff from
 * {@code initialBackoff}, doubled per retry, capped at {@code maxBackoff}. Immutable.
 */
record RetryPolicy(int retries, Duration initialBackoff, Duration maxBackoff) {
    RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries may not be negative. Got: " + retries);
        }
    }

    /** The wait before retry number {@code retry} (1-based). */
    Duration backoffBefore(int retry) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < retry && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
