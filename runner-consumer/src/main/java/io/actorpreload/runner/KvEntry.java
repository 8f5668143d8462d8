package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key with its value, as read from the store or from a preload.
 *
 * <p>Immutable: {@link #key()} and {@link #value()} hand out copies, {@link #keyView()} and
 * {@link #valueView()} read-only views of the same bytes without copying (for a caller that only
 * reads them: hashing, comparing, writing them on). {@code metadata} is empty only for a value that
 * an {@link ActorKvView} wrote itself and serves back before the store was read again: the view
 * knows the value it wrote, not the version the store gave it.
 */
public final class KvEntry {
    private final byte[] key;
    /** Read-only, at position 0. */
    private final ByteBuffer value;

    private final Optional<ValueMetadata> metadata;

    /** Copies {@code key} and {@code value}, so later changes to the arrays do not show through. */
    public KvEntry(byte[] key, byte[] value, Optional<ValueMetadata> metadata) {
        this(Objects.requireNonNull(key, "key").clone(), readOnlyCopy(value), metadata);
    }

    /** An entry as the store returns it, with its metadata. */
    public KvEntry(byte[] key, byte[] value, ValueMetadata metadata) {
        this(key, value, Optional.of(metadata));
    }

    private KvEntry(byte[] key, ByteBuffer value, Optional<ValueMetadata> metadata) {
        this.key = key;
        this.value = value;
        this.metadata = Objects.requireNonNull(metadata, "metadata (use Optional.empty())");
    }

    /**
     * An entry over a key array and a read-only value buffer that nobody changes any more (a
     * {@link PreloadMap}'s own, or ones just copied): kept as they are, not copied.
     */
    static KvEntry sharing(byte[] key, ByteBuffer value, Optional<ValueMetadata> metadata) {
        return new KvEntry(Objects.requireNonNull(key, "key"), checkReadOnly(value), metadata);
    }

    /** A read-only buffer over a copy of {@code value}. */
    static ByteBuffer readOnlyCopy(byte[] value) {
        return ByteBuffer.wrap(Objects.requireNonNull(value, "value").clone()).asReadOnlyBuffer();
    }

    /**
     * {@code value}, which must be read-only at position 0: what is shared must not be written
     * through. Its callers share only a {@link PreloadMap}'s own buffers, which are made so; an
     * assertion (on in tests), not a check on every listed entry.
     */
    static ByteBuffer checkReadOnly(ByteBuffer value) {
        assert value.isReadOnly() && value.position() == 0
                : "a shared value must be a read-only buffer at position 0: " + value;
        return value;
    }

    /** A copy of the key. */
    public byte[] key() {
        return key.clone();
    }

    /** A copy of the value. */
    public byte[] value() {
        return ByteStrings.toArray(value);
    }

    /** The key's bytes, read-only and not copied. */
    public ByteBuffer keyView() {
        return ByteBuffer.wrap(key).asReadOnlyBuffer();
    }

    /** The value's bytes, read-only and not copied. */
    public ByteBuffer valueView() {
        return value.duplicate();
    }

    public Optional<ValueMetadata> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KvEntry that
                && Arrays.equals(key, that.key)
                && value.equals(that.value)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + value.hashCode()) + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "KvEntry[key=" + ByteStrings.hex(key) + ", value=" + value.remaining() + " bytes, metadata=" + metadata
                + "]";
    }
}
