package io.actorpreload.preload.fdb;

import com.apple.foundationdb.Database;
import com.apple.foundationdb.FDB;
import com.apple.foundationdb.FDBException;
import com.apple.foundationdb.ReadTransaction;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreReader;
import io.actorpreload.preload.store.StoreTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The production {@link PreloadStore}: FoundationDB through {@code fdb-java} (API version
 * {@value #API_VERSION}). A snapshot read is one read transaction whose reads are snapshot reads
 * ({@code tr.snapshot()}), issued concurrently; {@code Database.readAsync} is the retry loop (each
 * attempt gets a fresh reader); the deadline is the transaction timeout option, set on every
 * attempt to the time left; the read version is {@code tr.getReadVersion()}.
 *
 * <p>Needs the native client {@code libfdb_c} 7.3 at run time. Thread-safe. {@link #close()}
 * (idempotent) closes the database handle; the client's network thread lives as long as the JVM
 * (FoundationDB cannot restart it). After close every operation fails with a {@link StoreException}
 * saying the store is closed, and so does an operation racing the close at its next call into the
 * client; an operation already past its last call completes on its own transaction. Every call into
 * fdb-java goes through {@link FdbCalls}, so none throws where the SPI promises a future.
 */
public final class FdbPreloadStore implements PreloadStore {
    /** The FoundationDB API version this driver is written against. */
    public static final int API_VERSION = 730;

    private final Database db;
    private final KeyLayout layout;
    private final String clusterFile;
    private final StoreReader latest;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FdbCalls calls;

    private FdbPreloadStore(Database db, KeyLayout layout, String clusterFile) {
        this.db = db;
        this.layout = layout;
        this.clusterFile = clusterFile;
        this.calls = new FdbCalls(describe(clusterFile), closed::get);
        this.latest = new LatestReader();
    }

    /** Opens the cluster of {@code clusterFile} with the default layout. */
    public static FdbPreloadStore open(String clusterFile) {
        return open(clusterFile, KeyLayout.defaultLayout());
    }

    /**
     * Opens the cluster of {@code clusterFile} (null: the client's default cluster file) with rows
     * under {@code layout}'s root.
     *
     * @throws StoreException when the native client cannot be loaded or the database not opened
     */
    public static FdbPreloadStore open(String clusterFile, KeyLayout layout) {
        Objects.requireNonNull(layout, "layout");
        try {
            return new FdbPreloadStore(fdb().open(clusterFile), layout, clusterFile);
        } catch (FDBException e) {
            throw new StoreException(
                    "Cannot open the FoundationDB cluster of " + describe(clusterFile) + ": " + e.getMessage()
                            + " (code " + e.getCode() + ")",
                    e);
        }
    }

    /**
     * The client, selecting API version {@value #API_VERSION} on first use.
     *
     * @throws StoreException when libfdb_c does not load or another API version was selected
     */
    public static synchronized FDB fdb() {
        try {
            if (FDB.isAPIVersionSelected()) {
                FDB fdb = FDB.instance();
                if (fdb.getAPIVersion() != API_VERSION) {
                    throw new StoreException("FoundationDB API version " + fdb.getAPIVersion()
                            + " was already selected in this JVM; this driver needs " + API_VERSION);
                }
                return fdb;
            }
            return FDB.selectAPIVersion(API_VERSION);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new StoreException(
                    "The FoundationDB native client (libfdb_c 7.3) cannot be loaded: " + e
                            + ". Install the FoundationDB 7.3 client package to use this driver.",
                    e);
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
        return calls.operation(
                "snapshot read",
                () -> db.readAsync(tr -> {
                    long millisLeft = Duration.between(Instant.now(), deadline).toMillis();
                    if (millisLeft <= 0) {
                        return CompletableFuture.failedFuture(
                                new StoreTimeoutException("The read deadline " + deadline + " passed"));
                    }
                    return calls.call("snapshot read", () -> {
                                tr.options().setTimeout(millisLeft);
                                // The transaction only reads: the client's read-your-writes layer would cache every
                                // read on the network thread for writes that never come.
                                tr.options().setReadYourWritesDisable();
                                return CompletableFuture.completedFuture(new FdbReader(tr.snapshot(), calls));
                            })
                            .thenCompose(work);
                }));
    }

    @Override
    public StoreReader latest() {
        return latest;
    }

    @Override
    public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
        Objects.requireNonNull(mutations, "mutations");
        Objects.requireNonNull(deadline, "deadline");
        String what = "write of " + mutations.size() + " mutations";
        return calls.operation(
                what,
                () -> db.runAsync(tr -> {
                    long millisLeft = Duration.between(Instant.now(), deadline).toMillis();
                    if (millisLeft <= 0) {
                        return CompletableFuture.failedFuture(
                                new StoreTimeoutException("The write deadline " + deadline + " passed"));
                    }
                    return calls.call(what, () -> {
                        tr.options().setTimeout(millisLeft);
                        for (Mutation mutation : mutations) {
                            if (mutation instanceof Mutation.Set set) {
                                tr.set(set.key(), set.value());
                            } else if (mutation instanceof Mutation.ClearRange clear) {
                                tr.clear(clear.begin(), clear.end());
                            }
                        }
                        return CompletableFuture.<Void>completedFuture(null);
                    });
                }));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            db.close();
        }
    }

    private static String describe(String clusterFile) {
        return clusterFile == null ? "the default cluster file" : "cluster file " + clusterFile;
    }

    /** Latest-state reads: each call its own read transaction, through the retry loop. */
    private final class LatestReader implements StoreReader {
        @Override
        public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
            return calls.operation(
                    "read of " + keys.size() + " keys",
                    () -> db.readAsync(tr -> reader(tr).getAll(keys)));
        }

        @Override
        public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
            return calls.operation(
                    "range read", () -> db.readAsync(tr -> reader(tr).getRange(begin, end, limit)));
        }

        private FdbReader reader(ReadTransaction tr) {
            tr.options().setReadYourWritesDisable(); // read-only, as the snapshot reads
            return new FdbReader(tr, calls);
        }
    }

    @Override
    public String toString() {
        return "FdbPreloadStore{" + describe(clusterFile) + ", " + layout + "}";
    }
}
