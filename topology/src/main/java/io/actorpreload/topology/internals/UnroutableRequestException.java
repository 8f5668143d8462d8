package io.actorpreload.topology.internals;

/**
 * A start request that cannot become a command on a runner topic: no value, a runner id that is
 * not a legal topic name, a runner topic that does not exist, a command too large even without
 * its preload. Thrown by the preload processor so that Kafka Streams' processing-exception
 * handler dead-letters the original bytes; expected bad input, so it carries no stack trace.
 */
public final class UnroutableRequestException extends RuntimeException {
    public UnroutableRequestException(String message) {
        super(message, null, false, false);
    }
}
