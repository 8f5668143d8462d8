package io.actorpreload.localstack.internals;

import io.actorpreload.localstack.LocalStackException;

/**
 * A start that failed only because a port picked by {@link Ports#freePort()} was taken before the
 * child bound it; the caller retries with other ports and, when it gives up, throws
 * {@link #failure()}.
 */
public final class PortTakenException extends RuntimeException {
    private final LocalStackException failure;

    public PortTakenException(LocalStackException failure) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
    }

    /** The start failure to report if no retry is left. */
    public LocalStackException failure() {
        return failure;
    }
}
