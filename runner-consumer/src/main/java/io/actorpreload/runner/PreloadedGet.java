package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link PreloadMap#get}: {@link Found}, {@link Absent} (authoritatively: the key did
 * not exist in the snapshot) or {@link NotPreloaded} (the preload says nothing: read the store).
 * Immutable.
 */
public sealed interface PreloadedGet permits PreloadedGet.Found, PreloadedGet.Absent, PreloadedGet.NotPreloaded {

    /** True for {@link Found} and {@link Absent}: the answer needs no store read. */
    default boolean authoritative() {
        return !(this instanceof NotPreloaded);
    }

    /**
     * The key existed in the snapshot with this value. {@link #value()} hands out a copy,
     * {@link #valueView()} a read-only view of the same bytes without copying.
     */
    final class Found implements PreloadedGet {
        /** Read-only, at position 0. */
        private final ByteBuffer value;

        private final ValueMetadata metadata;

        /** Copies {@code value}, so later changes to the array do not show through. */
        public Found(byte[] value, ValueMetadata metadata) {
            this(KvEntry.readOnlyCopy(value), metadata);
        }

        private Found(ByteBuffer value, ValueMetadata metadata) {
            this.value = value;
            this.metadata = Objects.requireNonNull(metadata, "metadata");
        }

        /** An answer over a {@link PreloadMap}'s own read-only buffer, which nobody changes: kept, not copied. */
        static Found sharing(ByteBuffer value, ValueMetadata metadata) {
            return new Found(KvEntry.checkReadOnly(value), metadata);
        }

        /** A copy of the value. */
        public byte[] value() {
            return ByteStrings.toArray(value);
        }

        /** The value's bytes, read-only and not copied. */
        public ByteBuffer valueView() {
            return value.duplicate();
        }

        public ValueMetadata metadata() {
            return metadata;
        }

        /** The entry of {@code key} with this value, sharing the value's bytes (a copy of the key). */
        KvEntry entry(byte[] key) {
            return KvEntry.sharing(key.clone(), value, Optional.of(metadata));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Found that && value.equals(that.value) && metadata.equals(that.metadata);
        }

        @Override
        public int hashCode() {
            return 31 * value.hashCode() + metadata.hashCode();
        }

        @Override
        public String toString() {
            return "Found[value=" + value.remaining() + " bytes, metadata=" + metadata + "]";
        }
    }

    /** The key did not exist in the snapshot. */
    record Absent() implements PreloadedGet {
        static final Absent INSTANCE = new Absent();
    }

    /** The preload did not read this key: only the store can answer. */
    record NotPreloaded() implements PreloadedGet {
        static final NotPreloaded INSTANCE = new NotPreloaded();
    }
}
