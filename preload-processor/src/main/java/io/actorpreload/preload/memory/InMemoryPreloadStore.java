package io.actorpreload.preload.memory;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreReader;
import io.actorpreload.preload.store.StoreTimeoutException;
import io.actorpreload.preload.store.StoredRow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A {@link PreloadStore} held in memory: for tests and the runner test kit, where a preload must
 * follow the real rules without a database. Every write makes a new immutable version of the whole
 * map, so a snapshot is the version current when it began; that costs a copy per write and suits
 * small test data only. Passes the same store contract as the FoundationDB and RocksDB drivers.
 *
 * <p>Thread-safe; every operation completes before it returns.
 */
public final class InMemoryPreloadStore implements PreloadStore {
    private final KeyLayout layout;
    private final Clock clock;
    private NavigableMap<byte[], byte[]> rows = new TreeMap<>(Arrays::compareUnsigned);
    private long version;
    private boolean closed;

    private InMemoryPreloadStore(KeyLayout layout, Clock clock) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An empty store with the default layout. */
    public static InMemoryPreloadStore create() {
        return create(KeyLayout.defaultLayout());
    }

    /** An empty store whose rows follow {@code layout}. */
    public static InMemoryPreloadStore create(KeyLayout layout) {
        return new InMemoryPreloadStore(layout, Clock.systemUTC());
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
        Version snapshot;
        synchronized (this) {
            if (closed) {
                return closedFailure("readSnapshot");
            }
            snapshot = new Version(rows, version);
        }
        try {
            return work.apply(new Reader(() -> snapshot, deadline, snapshot.number()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public StoreReader latest() {
        return new Reader(this::current, Instant.MAX, -1);
    }

    @Override
    public CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline) {
        Objects.requireNonNull(mutations, "mutations");
        Objects.requireNonNull(deadline, "deadline");
        synchronized (this) {
            if (closed) {
                return closedFailure("write");
            }
            TreeMap<byte[], byte[]> next = new TreeMap<>(rows);
            for (Mutation mutation : mutations) {
                if (mutation instanceof Mutation.Set set) {
                    next.put(set.key().clone(), set.value().clone());
                } else if (mutation instanceof Mutation.ClearRange clear) {
                    next.subMap(clear.begin(), true, clear.end(), false).clear();
                }
            }
            rows = next;
            version++;
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private synchronized Version current() {
        if (closed) {
            throw closed("read");
        }
        return new Version(rows, version);
    }

    private static <T> CompletableFuture<T> closedFailure(String operation) {
        return CompletableFuture.failedFuture(closed(operation));
    }

    private static StoreException closed(String operation) {
        return new StoreException("The in-memory store is closed: cannot " + operation + ".");
    }

    /** One immutable version of the rows: no write changes a map once it is published. */
    private record Version(NavigableMap<byte[], byte[]> rows, long number) {}

    /** Reads of one version (a snapshot) or of whatever version is current at each call (latest). */
    private final class Reader implements SnapshotReader {
        private final Supplier<Version> version;
        private final Instant deadline;
        private final long snapshotVersion;

        Reader(Supplier<Version> version, Instant deadline, long snapshotVersion) {
            this.version = version;
            this.deadline = deadline;
            this.snapshotVersion = snapshotVersion;
        }

        @Override
        public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
            Objects.requireNonNull(keys, "keys");
            return read("getAll", rows -> {
                List<byte[]> values = new ArrayList<>(keys.size());
                for (byte[] key : keys) {
                    values.add(rows.get(Objects.requireNonNull(key, "key")));
                }
                return values;
            });
        }

        @Override
        public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
            Objects.requireNonNull(begin, "begin");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(limit, "limit");
            return read("getRange", rows -> {
                List<StoredRow> batch = new ArrayList<>();
                long bytes = 0;
                if (Arrays.compareUnsigned(begin, end) >= 0) {
                    return new RangeBatch(batch, false);
                }
                for (Map.Entry<byte[], byte[]> row :
                        rows.subMap(begin, true, end, false).entrySet()) {
                    if (batch.size() == limit.maxRows() || bytes >= limit.maxBytes()) {
                        return new RangeBatch(batch, true);
                    }
                    StoredRow stored = new StoredRow(row.getKey(), row.getValue());
                    batch.add(stored);
                    bytes += stored.size();
                }
                return new RangeBatch(batch, false);
            });
        }

        @Override
        public CompletableFuture<Long> readVersion() {
            return read("readVersion", rows -> snapshotVersion);
        }

        private <T> CompletableFuture<T> read(String operation, Function<NavigableMap<byte[], byte[]>, T> read) {
            if (clock.instant().isAfter(deadline)) {
                return CompletableFuture.failedFuture(
                        new StoreTimeoutException("The in-memory store's " + operation + " began after its deadline."));
            }
            synchronized (InMemoryPreloadStore.this) {
                if (closed) {
                    return closedFailure(operation);
                }
            }
            try {
                return CompletableFuture.completedFuture(
                        read.apply(version.get().rows()));
            } catch (StoreException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
    }
}
