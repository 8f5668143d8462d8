package io.actorpreload.preload.rocksdb;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreReader;
import io.actorpreload.preload.store.StoreTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The embedded {@link PreloadStore}: one RocksDB database in a directory. A snapshot read is a
 * RocksDB snapshot ({@code ReadOptions.setSnapshot}) whose sequence number is the read version;
 * point reads use {@code multiGet}, range reads one iterator per snapshot ({@link RocksDbReader}).
 * Reads run on the calling thread, so the returned futures are already complete.
 *
 * <p>Thread-safe. {@link #close()} waits for running operations, then frees the native objects;
 * later calls fail with {@link StoreException}.
 */
public final class RocksDbPreloadStore implements PreloadStore {
    static {
        RocksDB.loadLibrary();
    }

    /** How long a bottommost file waits before RocksDB rewrites it to zero its sequence numbers: {@link #options()}. */
    static final int BOTTOMMOST_COMPACTION_DELAY_SECONDS = 3600;

    private final Path directory;
    private final KeyLayout layout;
    private final Options options;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final StampedLock lifecycle = new StampedLock();
    private final StoreReader latest;
    private volatile boolean closed;

    private RocksDbPreloadStore(Path directory, KeyLayout layout, Options options, RocksDB db) {
        this.directory = directory;
        this.layout = layout;
        this.options = options;
        this.db = db;
        this.writeOptions = new WriteOptions();
        this.latest = new RocksDbReader(this, db, null, Instant.MAX);
    }

    /** Opens (creating if missing) the database in {@code directory}, with the default layout. */
    public static RocksDbPreloadStore open(Path directory) {
        return open(directory, KeyLayout.defaultLayout());
    }

    /**
     * Opens (creating if missing) the database in {@code directory} with rows under
     * {@code layout}'s root.
     *
     * @throws StoreException when the directory cannot be created or the database not opened
     */
    public static RocksDbPreloadStore open(Path directory, KeyLayout layout) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(layout, "layout");
        Options options = options();
        try {
            Files.createDirectories(directory);
            return new RocksDbPreloadStore(directory, layout, options, RocksDB.open(options, directory.toString()));
        } catch (Exception e) {
            options.close();
            throw new StoreException(
                    "Cannot open the RocksDB store in " + directory + ": " + e.getMessage()
                            + ". Check that the directory is writable and not used by another process.",
                    e);
        }
    }

    /**
     * RocksDB's defaults, except that a bottommost file is rewritten to zero its sequence numbers
     * ({@code bottommost_file_compaction_delay}) only an hour after it became eligible. Every
     * snapshot read that ends can make the files written before it eligible, so right after a bulk
     * load the first preloads would set off a rewrite of the whole store, taking CPU from the reads
     * (docs/BENCHMARKS.md, "e2e").
     * RocksJava has no setter for it; RocksDB's own options parser sets it.
     */
    private static Options options() {
        Properties columnFamily = new Properties();
        columnFamily.setProperty(
                "bottommost_file_compaction_delay", String.valueOf(BOTTOMMOST_COMPACTION_DELAY_SECONDS));
        try (DBOptions database = new DBOptions().setCreateIfMissing(true);
                ColumnFamilyOptions parsed = ColumnFamilyOptions.getColumnFamilyOptionsFromProps(columnFamily)) {
            if (parsed == null) {
                throw new StoreException("The RocksDB library does not know the option " + columnFamily
                        + ": use the rocksdbjni version this project is built with.");
            }
            return new Options(database, parsed);
        }
    }

    @Override
    public KeyLayout layout() {
        return layout;
    }

    @Override
    public <T> CompletableFuture<T> readSnapshot(
            Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work) {
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(work, "work");
        long stamp = enter();
        if (stamp == 0) {
            return CompletableFuture.failedFuture(closedException());
        }
        Snapshot snapshot = db.getSnapshot();
        RocksDbReader reader = new RocksDbReader(this, db, snapshot, deadline);
        CompletableFuture<T> result;
        try {
            result = work.apply(reader);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((value, failure) -> {
            reader.close();
            db.releaseSnapshot(snapshot);
            snapshot.close();
            lifecycle.unlockRead(stamp);
        });
    }

    @Override
    public StoreReader latest() {
        return latest;
    }

    @Override
    public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
        Objects.requireNonNull(mutations, "mutations");
        long stamp = enter();
        if (stamp == 0) {
            return CompletableFuture.failedFuture(closedException());
        }
        if (Instant.now().isAfter(deadline)) {
            lifecycle.unlockRead(stamp);
            return CompletableFuture.failedFuture(
                    new StoreTimeoutException("The write deadline " + deadline + " passed before writing"));
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (Mutation mutation : mutations) {
                if (mutation instanceof Mutation.Set set) {
                    batch.put(set.key(), set.value());
                } else if (mutation instanceof Mutation.ClearRange clear) {
                    batch.deleteRange(clear.begin(), clear.end());
                }
            }
            db.write(writeOptions, batch);
            return CompletableFuture.completedFuture(null);
        } catch (RocksDBException e) {
            return CompletableFuture.failedFuture(new StoreException(
                    "RocksDB write of " + mutations.size() + " mutations in " + directory + " failed: "
                            + e.getMessage(),
                    e));
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    /** Enters an operation; 0 when the store is closed. Pair with {@code lifecycle.unlockRead}. */
    long enter() {
        long stamp = lifecycle.readLock();
        if (closed) {
            lifecycle.unlockRead(stamp);
            return 0;
        }
        return stamp;
    }

    void exit(long stamp) {
        lifecycle.unlockRead(stamp);
    }

    StoreException closedException() {
        return new StoreException("The RocksDB store in " + directory + " is closed");
    }

    String describe() {
        return "RocksDB store in " + directory;
    }

    @Override
    public void close() {
        long stamp = lifecycle.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writeOptions.close();
            db.close();
            options.close();
        } finally {
            lifecycle.unlockWrite(stamp);
        }
    }

    @Override
    public String toString() {
        return "RocksDbPreloadStore{" + directory + ", " + layout + "}";
    }
}
