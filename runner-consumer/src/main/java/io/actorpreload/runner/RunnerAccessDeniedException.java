package io.actorpreload.runner;

import org.apache.kafka.common.KafkaException;

/**
 * The broker refused the runner an operation its ACLs must allow: {@link RunnerClient} stops (or does not
 * start) instead of retrying, because waiting does not grant an ACL. The message names the principal,
 * the resource and the operation; an administrator grants the runner role
 * ({@code actor-preload acl --role runner}, see docs/ARCHITECTURE.md, "Access control"). Immutable.
 */
public final class RunnerAccessDeniedException extends KafkaException {
    private final String principal;
    private final String resource;
    private final String operation;

    public RunnerAccessDeniedException(
            String principal, String resource, String operation, String message, Throwable cause) {
        super(message, cause);
        this.principal = principal;
        this.resource = resource;
        this.operation = operation;
    }

    /** The principal the runner authenticates as, as far as its client settings tell (e.g. {@code User:runner-1}). */
    public String principal() {
        return principal;
    }

    /** The refused resource, e.g. {@code topic runner.1.commands} or {@code group runner-1}. */
    public String resource() {
        return resource;
    }

    /** The refused operation, e.g. {@code READ}. */
    public String operation() {
        return operation;
    }
}
