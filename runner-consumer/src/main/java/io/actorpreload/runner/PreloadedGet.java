package io.actorpreload.runner;

import java.nio.ByteBuffer;
import java.util.Arrays;
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
        private final byte[] value;
        private final ValueMetadata metadata;

        /** Copies {@code value}, so later changes to the array do not show through. */
        public Found(byte[] value, ValueMetadata metadata) {
            this(value, metadata, true);
        }

        private Found(byte[] value, ValueMetadata metadata, boolean copy) {
            Objects.requireNonNull(value, "value");
            this.value = copy ? value.clone() : value;
            this.metadata = Objects.requireNonNull(metadata, "metadata");
        }

        /** An answer over a {@link PreloadMap}'s own array, which nobody changes: kept, not copied. */
        static Found sharing(byte[] value, ValueMetadata metadata) {
            return new Found(value, metadata, false);
        }

        /** A copy of the value. */
        public byte[] value() {
            return value.clone();
        }

        /** The value's bytes, read-only and not copied. */
        public ByteBuffer valueView() {
            return ByteBuffer.wrap(value).asReadOnlyBuffer();
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
            return other instanceof Found that && Arrays.equals(value, that.value) && metadata.equals(that.metadata);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(value) + metadata.hashCode();
        }

        @Override
        public String toString() {
            return "Found[value=" + value.length + " bytes, metadata=" + metadata + "]";
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
