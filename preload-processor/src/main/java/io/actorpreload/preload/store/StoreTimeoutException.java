package io.actorpreload.preload.store;

/** An operation did not finish before its deadline. */
public final class StoreTimeoutException extends StoreException {
    public StoreTimeoutException(String message) {
        super(message);
    }

    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
