package io.actorpreload.preload.store;

/** The store failed (I/O, closed, unavailable); the message says which operation and why. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
