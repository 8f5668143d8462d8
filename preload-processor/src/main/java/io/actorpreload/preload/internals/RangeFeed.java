package io.actorpreload.preload.internals;

import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.StoreReader;
import io.actorpreload.preload.store.StoredRow;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Feeds the batches of one range read, in key order, to a {@link RowAssembler} until it says STOP
 * or the range ends. The first batch comes from the caller (it may have been read ahead); a batch
 * that stopped at its limit is continued just after its last row, with the limit
 * {@code continuationLimit} gives at that moment. Not thread-safe; one per range.
 */
final class RangeFeed {
    /** Why the feed ended. */
    enum End {
        /** The assembler said STOP: rows after it were not looked at. */
        STOPPED,
        /** The range ended; its last key was checked complete. */
        EXHAUSTED
    }

    private final StoreReader reader;
    private final byte[] end;
    private final RowAssembler assembler;
    private final Supplier<RangeLimit> continuationLimit;

    RangeFeed(StoreReader reader, byte[] end, RowAssembler assembler, Supplier<RangeLimit> continuationLimit) {
        this.reader = reader;
        this.end = end;
        this.assembler = assembler;
        this.continuationLimit = continuationLimit;
    }

    /** Feeds {@code batch} and, when needed, the batches after it. */
    CompletableFuture<End> feed(RangeBatch batch) {
        for (StoredRow row : batch.rows()) {
            if (!assembler.accept(row)) {
                return CompletableFuture.completedFuture(End.STOPPED);
            }
        }
        if (batch.limitReached()) {
            return reader.getRange(batch.continueFrom().orElseThrow(), end, continuationLimit.get())
                    .thenCompose(this::feed);
        }
        assembler.finish();
        return CompletableFuture.completedFuture(End.EXHAUSTED);
    }
}
