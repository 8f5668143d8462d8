package io.actorpreload.runner;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The store's metadata of one value: its opaque version and when it was last written.
 * Immutable: the version is copied in and out. Never null fields.
 */
public record ValueMetadata(byte[] version, Instant updateTs) {
    public ValueMetadata {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(updateTs, "updateTs");
        version = version.clone();
    }

    /** A copy of the version bytes. */
    @Override
    public byte[] version() {
        return version.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueMetadata that
                && Arrays.equals(version, that.version)
                && updateTs.equals(that.updateTs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(version) + updateTs.hashCode();
    }

    @Override
    public String toString() {
        return "ValueMetadata[version=" + Arrays.toString(version) + ", updateTs=" + updateTs + "]";
    }
}
