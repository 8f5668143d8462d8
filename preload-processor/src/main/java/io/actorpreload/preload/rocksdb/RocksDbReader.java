package io.actorpreload.preload.rocksdb;

import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreTimeoutException;
import io.actorpreload.preload.store.StoredRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Reads of one RocksDB snapshot, or of the latest state when {@code snapshot} is null. A snapshot
 * reader makes one iterator on its first range read and seeks it for every later one, and
 * {@link #close()} frees it before the snapshot is released: making and closing an iterator (and its
 * read options and upper bound) for each of a preload's ranges is a large part of a snapshot read's
 * cost (docs/BENCHMARKS.md, "jmh: PreloadBench"). The latest-state
 * reader makes and closes its native objects per call, so nothing outlives a call, and enters the
 * store per call; a snapshot reader relies on {@link RocksDbPreloadStore#readSnapshot} keeping the
 * store open until the work completes. Range reads stop at their end by comparing keys, not with
 * {@code iterate_upper_bound}, which is fixed when an iterator is made. Thread-safe; not for use
 * after its snapshot is released.
 */
final class RocksDbReader implements SnapshotReader, AutoCloseable {
    private final RocksDbPreloadStore store;
    private final RocksDB db;
    private final Snapshot snapshot;
    private final Instant deadline;
    /** The snapshot's iterator and its options, made on the first range read; null before it and after {@link #close()}. */
    private RocksIterator snapshotIterator;

    private ReadOptions snapshotIteratorOptions;

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
    public synchronized CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
        return guarded("range read", () -> {
            if (snapshot != null) {
                return readRange(snapshotIterator(), begin, end, limit);
            }
            try (ReadOptions readOptions = readOptions();
                    RocksIterator iterator = db.newIterator(readOptions)) {
                return readRange(iterator, begin, end, limit);
            }
        });
    }

    private static RangeBatch readRange(RocksIterator iterator, byte[] begin, byte[] end, RangeLimit limit)
            throws RocksDBException {
        List<StoredRow> rows = new ArrayList<>();
        long bytes = 0;
        for (iterator.seek(begin); iterator.isValid(); iterator.next()) {
            byte[] key = iterator.key();
            if (Arrays.compareUnsigned(key, end) >= 0) {
                break;
            }
            StoredRow row = new StoredRow(key, iterator.value());
            rows.add(row);
            bytes += row.size();
            if (rows.size() >= limit.maxRows() || bytes >= limit.maxBytes()) {
                // Like the FoundationDB driver: stopped at the limit, whether or not rows follow.
                return new RangeBatch(rows, true);
            }
        }
        iterator.status();
        return new RangeBatch(rows, false);
    }

    private RocksIterator snapshotIterator() {
        if (snapshotIterator == null) {
            snapshotIteratorOptions = readOptions();
            snapshotIterator = db.newIterator(snapshotIteratorOptions);
        }
        return snapshotIterator;
    }

    /** Frees the snapshot's iterator; called by {@link RocksDbPreloadStore#readSnapshot} before it releases the snapshot. */
    @Override
    public synchronized void close() {
        if (snapshotIterator != null) {
            snapshotIterator.close();
            snapshotIteratorOptions.close();
            snapshotIterator = null;
            snapshotIteratorOptions = null;
        }
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
