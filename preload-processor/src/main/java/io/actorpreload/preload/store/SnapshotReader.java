package io.actorpreload.preload.store;

import java.util.concurrent.CompletableFuture;

/**
 * The reads of one snapshot transaction (see {@link PreloadStore#readSnapshot}): every read sees
 * the same version, {@link #readVersion()}. Valid only inside the work function it was given to.
 */
public interface SnapshotReader extends StoreReader {

    /**
     * The version of the snapshot: FoundationDB's read version, RocksDB's snapshot sequence number.
     * Versions of one store grow with every commit.
     */
    CompletableFuture<Long> readVersion();
}
