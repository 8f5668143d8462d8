package io.actorpreload.learner;

import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A key or prefix as a value: equal by content, ordered by unsigned bytes (the store's order), so
 * every derivation is deterministic. Immutable: the bytes are copied in and out.
 */
public final class ByteKey implements Comparable<ByteKey> {
    private final byte[] bytes;

    private ByteKey(byte[] bytes) {
        this.bytes = bytes;
    }

    public static ByteKey of(byte[] bytes) {
        return new ByteKey(Objects.requireNonNull(bytes, "bytes").clone());
    }

    public static ByteKey of(ByteBuffer buffer) {
        return new ByteKey(ByteStrings.toArray(Objects.requireNonNull(buffer, "buffer")));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public ByteBuffer toBuffer() {
        return ByteBuffer.wrap(bytes.clone());
    }

    @Override
    public int compareTo(ByteKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return ByteStrings.hex(bytes);
    }
}
