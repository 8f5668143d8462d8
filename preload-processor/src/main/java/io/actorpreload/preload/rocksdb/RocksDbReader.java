package io.actorpreload.preload.rocksdb;

import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoredRow;
import io.actorpreload.preload.store.StoreTimeoutException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * Reads of one RocksDB snapshot, or of the latest state when {@code snapshot} is null. Each read
 * makes and closes its own native {@link ReadOptions} (and upper-bound {@link Slice}), so nothing
 * outlives the call. A snapshot reader relies on {@link RocksDbPreloadStore#readSnapshot} keeping
 * the store open until the work completes; the latest-state reader enters the store per call.
 * Not for use after its snapshot is released.
 */
final class RocksDbReader implements SnapshotReader {
    private final RocksDbPreloadStore store;
    private final RocksDB db;
    private final Snapshot snapshot;
    private final Instant deadline;

    RocksDbReader(RocksDbPreloadStore store, RocksDB db, Snapshot snapshot, Instant deadline) {
        this.store = store;
        this.db = db;
        this.snapshot = snapshot;
        this.deadline = deadline;
    }

    @Override
    public CompletableFuture<Long> readVersion() {
        if (snapshot == null) {
            return CompletableFuture.completedFuture(db.getLatestSequenceNumber());
        }
        return CompletableFuture.completedFuture(snapshot.getSequenceNumber());
    }

    @Override
    public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
        return guarded("multiGet of " + keys.size() + " keys", () -> {
            if (keys.isEmpty()) {
                return List.of(); // still inside guarded: a closed store fails even a read of nothing
            }
            try (ReadOptions readOptions = readOptions()) {
                return db.multiGetAsList(readOptions, keys);
            }
        });
    }

    @Override
    public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
        return guarded("range read", () -> {
            try (Slice upperBound = new Slice(end);
                 ReadOptions readOptions = readOptions().setIterateUpperBound(upperBound);
                 RocksIterator iterator = db.newIterator(readOptions)) {
                List<StoredRow> rows = new ArrayList<>();
                long bytes = 0;
                iterator.seek(begin);
                while (iterator.isValid()) {
                    StoredRow row = new StoredRow(iterator.key(), iterator.value());
                    rows.add(row);
                    bytes += row.size();
                    if (rows.size() >= limit.maxRows() || bytes >= limit.maxBytes()) {
                        // Like the FoundationDB driver: stopped at the limit, whether or not rows follow.
                        return new RangeBatch(rows, true);
                    }
                    iterator.next();
                }
                iterator.status();
                return new RangeBatch(rows, false);
            }
        });
    }

    private ReadOptions readOptions() {
        ReadOptions readOptions = new ReadOptions();
        if (snapshot != null) {
            readOptions.setSnapshot(snapshot);
        }
        return readOptions;
    }

    private interface RocksRead<T> {
        T read() throws RocksDBException;
    }

    private <T> CompletableFuture<T> guarded(String what, RocksRead<T> read) {
        if (Instant.now().isAfter(deadline)) {
            return CompletableFuture.failedFuture(new StoreTimeoutException(
                    "The read deadline " + deadline + " passed before the " + what + " on the " + store.describe()));
        }
        // A snapshot reader runs inside readSnapshot, which already holds the store open; entering
        // again could wait behind a pending close() and deadlock.
        boolean entered = snapshot == null;
        long stamp = entered ? store.enter() : 0;
        if (entered && stamp == 0) {
            return CompletableFuture.failedFuture(store.closedException());
        }
        try {
            return CompletableFuture.completedFuture(read.read());
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(new StoreException(
                    "The " + what + " on the " + store.describe() + " failed: " + e.getMessage(), e));
        } finally {
            if (entered) {
                store.exit(stamp);
            }
        }
    }
}
