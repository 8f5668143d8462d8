package io.actorpreload.preload.layout;

/**
 * The store holds bytes that break the key layout: a chunk or a metadata row is missing, or a row
 * cannot be decoded. The message says which key and what was wrong. The preload turns it into a
 * {@code STORE_ERROR} outcome; it is never expected in a healthy store.
 */
public final class CorruptDataException extends RuntimeException {
    public CorruptDataException(String message) {
        super(message);
    }

    public CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
