package io.actorpreload.topology.internals;

import org.apache.kafka.common.errors.RetriableException;

/**
 * A start request that cannot be handled now, through no fault of its own (e.g. whether its runner
 * topic exists could not be told): the processing handler fails the task, so that the request is
 * read again, and never dead-letters it. Carries no stack trace: the message says it all.
 */
public final class RetryLaterException extends RetriableException {
    public RetryLaterException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
