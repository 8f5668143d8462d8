package io.actorpreload.preload.layout;

import java.util.Objects;

/**
 * The decoded metadata row of one user key. The arrays are not copied; do not change them.
 *
 * @param version the opaque version the writer gave, never null
 * @param updateTsMillis when the value was written, epoch milliseconds
 * @param valueLength the length of the whole value in bytes, at least 0
 */
public record StoredMetadata(byte[] version, long updateTsMillis, long valueLength) {
    public StoredMetadata {
        Objects.requireNonNull(version, "version");
        if (valueLength < 0) {
            throw new IllegalArgumentException("valueLength may not be negative. Got: " + valueLength);
        }
    }
}
