package io.actorpreload.preload.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One batch of a range read, and why it ended. Immutable.
 *
 * @param rows the rows in ascending key order, never null
 * @param limitReached true when the read stopped at its {@link RangeLimit}: rows may remain after
 *     the last one. False when the range is exhausted.
 */
public record RangeBatch(List<StoredRow> rows, boolean limitReached) {
    public RangeBatch {
        rows = List.copyOf(rows);
    }

    /**
     * Where to continue when the limit was reached: the smallest key after the last row (the last
     * key + 0x00). Empty when the range is exhausted.
     */
    public Optional<byte[]> continueFrom() {
        if (!limitReached || rows.isEmpty()) {
            return Optional.empty();
        }
        byte[] last = rows.get(rows.size() - 1).key();
        byte[] next = Arrays.copyOf(last, last.length + 1);
        return Optional.of(next);
    }
}
