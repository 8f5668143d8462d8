package io.actorpreload.localstack;

/**
 * Raised when a local broker or registry cannot be started, or does not become ready in time. The
 * message says which component failed, why, and where its log is; it carries the tail of that log
 * when there is one.
 */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
