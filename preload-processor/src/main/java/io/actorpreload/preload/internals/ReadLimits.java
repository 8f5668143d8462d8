package io.actorpreload.preload.internals;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.RangeLimit;

/**
 * The limits of the preload's range reads. The first read of every get-key and prefix is issued
 * before the budget it will get is known, so it is sized for the most it could get (the plan
 * budget, or the prefix's own maximum), which bounds what a speculative read costs.
 */
final class ReadLimits {
    /** A prefix batch reads at least this many bytes, so tiny remaining budgets do not mean tiny reads. */
    private static final long MIN_BATCH_BYTES = 4096;
    /** A metadata value is the tuple (version bytes, updateTs, value length): 2 + 9 + 9 bytes besides the version. */
    private static final long METADATA_VALUE_OVERHEAD = 20;

    private ReadLimits() {}

    /**
     * The first read of a get-key's rows (metadata and chunks): more than all rows of any value
     * that can fit {@code budgetBytes}, so such a key is read whole in one read. The row keys and
     * the metadata tuple count here but not in the entry size, hence the overhead; only a version
     * with more zero bytes (escaped to two bytes) than the key has bytes plus 8 can exceed it, and
     * then costs one more read. A larger value stops the read after about {@code budgetBytes}.
     */
    static RangeLimit getKeyRows(KeyLayout layout, String actorId, byte[] key, long budgetBytes) {
        long chunkKeyBytes = layout.chunkKey(actorId, key, Integer.MAX_VALUE).length; // the longest chunk index
        long overhead = layout.metadataKey(actorId, key).length
                + METADATA_VALUE_OVERHEAD
                + (budgetBytes / KeyLayout.CHUNK_SIZE_BYTES + 1) * chunkKeyBytes
                + 1;
        return RangeLimit.bytes(saturatedSum(budgetBytes, overhead));
    }

    /** The rest of a range whose rows are all needed. */
    static RangeLimit rest() {
        return RangeLimit.rows(Integer.MAX_VALUE);
    }

    /**
     * A batch of a prefix scan that may still spend {@code budgetBytes}: at least one byte more.
     * Rows are larger than the entries they hold (their keys carry the actor subspace), so a scan
     * may need further batches before it sees the first entry that does not fit.
     */
    static RangeLimit prefixBatch(long budgetBytes) {
        return RangeLimit.bytes(Math.max(MIN_BATCH_BYTES, saturatedSum(budgetBytes, 1)));
    }

    private static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }
}
