package io.actorpreload.preload.layout;

import com.apple.foundationdb.tuple.ByteArrayUtil;

/**
 * A half-open range of store keys, {@code [begin, end)}, in unsigned lexicographic order.
 * Immutable by convention: the arrays are not copied, so callers must not change them.
 *
 * @param begin the first key that may be in the range (inclusive), never null
 * @param end the first key after the range (exclusive), never null, greater than {@code begin}
 */
public record KeyRange(byte[] begin, byte[] end) {
    public KeyRange {
        if (begin == null || end == null) {
            throw new IllegalArgumentException("begin and end may not be null");
        }
        if (ByteArrayUtil.compareUnsigned(begin, end) >= 0) {
            throw new IllegalArgumentException("begin must sort before end. Got: begin="
                    + ByteArrayUtil.printable(begin) + ", end=" + ByteArrayUtil.printable(end));
        }
    }

    /** True when {@code key} lies in {@code [begin, end)}. */
    public boolean contains(byte[] key) {
        return ByteArrayUtil.compareUnsigned(begin, key) <= 0 && ByteArrayUtil.compareUnsigned(key, end) < 0;
    }

    @Override
    public String toString() {
        return "[" + ByteArrayUtil.printable(begin) + ", " + ByteArrayUtil.printable(end) + ")";
    }
}
