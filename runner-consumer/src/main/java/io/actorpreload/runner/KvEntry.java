package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One key with its value, as read from the store or from a preload.
 *
 * <p>Immutable: arrays are copied in and out. {@code metadata} is empty only for a value that an
 * {@link ActorKvView} wrote itself and serves back before the store was read again: the view knows
 * the value it wrote, not the version the store gave it.
 */
public record KvEntry(byte[] key, byte[] value, Optional<ValueMetadata> metadata) {
    public KvEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(metadata, "metadata (use Optional.empty())");
        key = key.clone();
        value = value.clone();
    }

    /** An entry as the store returns it, with its metadata. */
    public KvEntry(byte[] key, byte[] value, ValueMetadata metadata) {
        this(key, value, Optional.of(metadata));
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
        return other instanceof KvEntry that && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value) && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "KvEntry[key=" + ByteStrings.hex(key) + ", value=" + value.length + " bytes, metadata=" + metadata + "]";
    }
}
