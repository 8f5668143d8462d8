package io.actorpreload.runner;

import io.actorpreload.schemas.ByteStrings;
import java.util.Objects;

/**
 * One read during an actor's start-up that the preload could not answer, so it cost a KV round trip.
 * {@code method} is the {@link KvClient} method ({@code "batchGet"} or {@code "listPrefix"}),
 * {@code key} the key or prefix read, {@code sequence} counts this actor's misses from 1.
 * Immutable; the key is copied in and out.
 */
public record PreloadMiss(String actorId, String method, byte[] key, long sequence) {
    public PreloadMiss {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(method, "method");
        key = Objects.requireNonNull(key, "key").clone();
    }

    /** A copy of the key or prefix. */
    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreloadMiss that
                && actorId.equals(that.actorId)
                && method.equals(that.method)
                && java.util.Arrays.equals(key, that.key)
                && sequence == that.sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(actorId, method, java.util.Arrays.hashCode(key), sequence);
    }

    @Override
    public String toString() {
        return "PreloadMiss[actorId=" + actorId + ", method=" + method + ", key=" + ByteStrings.hex(key) + ", sequence="
                + sequence + "]";
    }
}
