package io.actorpreload.preload.store;

import java.util.Objects;

/**
 * One raw row of the store. The arrays are not copied; do not change them.
 *
 * @param key the store key, never null
 * @param value the stored value, never null
 */
public record StoredRow(byte[] key, byte[] value) {
    public StoredRow {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The bytes this row counts against a {@link RangeLimit}. */
    public long size() {
        return (long) key.length + value.length;
    }
}
