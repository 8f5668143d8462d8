package io.actorpreload.preload.internals;

import io.actorpreload.preload.layout.StoredMetadata;

/** One user key read back whole: its value joined from the chunks and its metadata. Arrays are not copied. */
public record AssembledEntry(byte[] key, byte[] value, StoredMetadata metadata) {

    /** docs/ARCHITECTURE.md rule 1: key length + value length + metadata version length + 8. */
    static long size(byte[] key, StoredMetadata metadata) {
        return key.length + metadata.valueLength() + metadata.version().length + 8L;
    }
}
