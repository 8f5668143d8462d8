package io.actorpreload.preload.store;

/**
 * Where a range read stops: after {@code maxRows} rows, or after the row with which the sum of
 * key and value lengths of the returned rows reaches {@code maxBytes} (so a batch holds at least one
 * row when the range is not empty, and at most one row past the byte limit). Immutable.
 *
 * @param maxRows at least 1
 * @param maxBytes at least 1
 */
public record RangeLimit(int maxRows, long maxBytes) {
    public RangeLimit {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1. Got: " + maxRows);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1. Got: " + maxBytes);
        }
    }

    /** At most {@code maxRows} rows, any size. */
    public static RangeLimit rows(int maxRows) {
        return new RangeLimit(maxRows, Long.MAX_VALUE);
    }

    /** About {@code maxBytes} bytes, any number of rows. */
    public static RangeLimit bytes(long maxBytes) {
        return new RangeLimit(Integer.MAX_VALUE, maxBytes);
    }
}
