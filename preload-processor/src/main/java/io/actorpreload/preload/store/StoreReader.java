package io.actorpreload.preload.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads of raw rows. The reads a caller issues before waiting on any of them may run concurrently.
 * Thread-safe. Byte arrays passed in and returned are never changed by the store.
 */
public interface StoreReader {

    /**
     * Point reads of {@code keys}; the result has one element per key, in the same order, null for
     * a key that does not exist.
     */
    CompletableFuture<List<byte[]>> getAll(List<byte[]> keys);

    /**
     * Reads rows of {@code [begin, end)} in ascending key order, stopping at {@code limit}. The
     * batch says whether it stopped at the limit; to continue, read again from just after the last
     * row ({@link RangeBatch#continueFrom()}).
     */
    CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit);
}
