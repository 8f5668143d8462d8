package io.actorpreload.runner;

import java.util.Arrays;
import java.util.Objects;

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

    /** The key existed in the snapshot with this value. The value is copied in and out. */
    record Found(byte[] value, ValueMetadata metadata) implements PreloadedGet {
        public Found {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(metadata, "metadata");
            value = value.clone();
        }

        /** A copy of the value. */
        @Override
        public byte[] value() {
            return value.clone();
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
