package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.util.Arrays;
import java.util.Objects;

/** One write: set {@code key} to {@code value}. Immutable: arrays are copied in and out; never null. */
public record KvPut(byte[] key, byte[] value) {
    public KvPut {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        key = key.clone();
        value = value.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KvPut that && Arrays.equals(key, that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KvPut[key=" + ByteStrings.hex(key) + ", value=" + value.length + " bytes]";
    }
}
