package io.actorpreload.preload.fdb;

import com.apple.foundationdb.KeyValue;
import com.apple.foundationdb.ReadTransaction;
import com.apple.foundationdb.StreamingMode;
import com.apple.foundationdb.async.AsyncIterator;
import com.apple.foundationdb.async.AsyncUtil;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoredRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads of one FoundationDB transaction view (the snapshot view inside a preload). Every call
 * issues its reads at once and returns a future, so reads issued together run concurrently. Every
 * call into fdb-java goes through {@link FdbCalls#call}: a reader used after its transaction ended,
 * or after the store closed, fails its future instead of throwing.
 */
final class FdbReader implements SnapshotReader {
    private final ReadTransaction tr;
    private final FdbCalls calls;

    FdbReader(ReadTransaction tr, FdbCalls calls) {
        this.tr = tr;
        this.calls = calls;
    }

    @Override
    public CompletableFuture<Long> readVersion() {
        return calls.call("read-version request", tr::getReadVersion);
    }

    @Override
    public CompletableFuture<List<byte[]>> getAll(List<byte[]> keys) {
        return calls.call("read of " + keys.size() + " keys", () -> readAll(keys));
    }

    private CompletableFuture<List<byte[]>> readAll(List<byte[]> keys) {
        List<CompletableFuture<byte[]>> reads = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            reads.add(tr.get(key));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<byte[]> values = new ArrayList<>(reads.size());
            for (CompletableFuture<byte[]> read : reads) {
                values.add(read.join());
            }
            return values;
        });
    }

    @Override
    public CompletableFuture<RangeBatch> getRange(byte[] begin, byte[] end, RangeLimit limit) {
        return calls.call("range read", () -> readRange(begin, end, limit));
    }

    private CompletableFuture<RangeBatch> readRange(byte[] begin, byte[] end, RangeLimit limit) {
        boolean rowLimited = limit.maxRows() != Integer.MAX_VALUE;
        // A row limit is exact. A byte limit is at most the preload's budget, and the preload uses what
        // it reads: WANT_ALL fetches it in the fewest requests (the iterator mode's batches start at a
        // few hundred bytes, one round trip each); the iterator is cancelled once the limit is reached.
        AsyncIterator<KeyValue> iterator = tr.getRange(
                        begin,
                        end,
                        rowLimited ? limit.maxRows() : ReadTransaction.ROW_LIMIT_UNLIMITED,
                        false,
                        rowLimited ? StreamingMode.EXACT : StreamingMode.WANT_ALL)
                .iterator();
        List<StoredRow> rows = new ArrayList<>();
        long[] bytes = {0};
        boolean[] limitReached = {false};
        // Each step calls the client again (a later batch), so each step goes through the helper too.
        return AsyncUtil.whileTrue(() -> calls.call(
                        "range read",
                        () -> iterator.onHasNext().thenApply(hasNext -> {
                            if (!hasNext) {
                                return false;
                            }
                            KeyValue keyValue = iterator.next();
                            StoredRow row = new StoredRow(keyValue.getKey(), keyValue.getValue());
                            rows.add(row);
                            bytes[0] += row.size();
                            if (rows.size() >= limit.maxRows() || bytes[0] >= limit.maxBytes()) {
                                limitReached[0] = true;
                                return false;
                            }
                            return true;
                        })))
                .thenApply(ignored -> {
                    if (limitReached[0]) {
                        iterator.cancel();
                    }
                    return new RangeBatch(rows, limitReached[0]);
                });
    }
}
