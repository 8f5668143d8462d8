package io.actorpreload.preload;

import java.time.Instant;
import java.util.Objects;

/**
 * One user key of an actor with its whole value and metadata, as written by {@link ActorKvWriter}
 * and read by {@link ActorKvReader}. The arrays are not copied; do not change them after handing
 * them over. {@code updateTs} is kept to the millisecond (the store keeps epoch milliseconds).
 *
 * @param key the user key, never null, may be empty
 * @param value the value, never null, may be empty
 * @param version the opaque version of the value, never null
 * @param updateTs when the value was written, never null
 */
public record KvRecord(byte[] key, byte[] value, byte[] version, Instant updateTs) {
    public KvRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(version, "version");
        updateTs = Instant.ofEpochMilli(
                Objects.requireNonNull(updateTs, "updateTs").toEpochMilli());
    }

    /** docs/ARCHITECTURE.md rule 1: what this key costs a preload budget. */
    public long preloadSize() {
        return (long) key.length + value.length + version.length + 8;
    }
}
