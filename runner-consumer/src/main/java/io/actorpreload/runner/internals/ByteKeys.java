package io.actorpreload.runner.internals;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Byte-string helpers of the runner library: unsigned lexicographic order (the store's order),
 * prefix tests and sorted-array search. Copies and hex rendering are {@link io.actorpreload.schemas.ByteStrings}.
 * Stateless and thread-safe.
 */
public final class ByteKeys {
    /** Unsigned lexicographic order, the order of the store and of every preload array. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private static final int LOGGED_BYTES = 64;

    private ByteKeys() {}

    /** Compares {@code a} and {@code b} as unsigned bytes; a proper prefix sorts first. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** True when {@code key} starts with {@code prefix} (every key starts with the empty prefix). */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Index of the first element of {@code sorted} that is {@code >= key}; {@code sorted.length} if
     * none. {@code sorted} must be sorted by {@link #ORDER} without duplicates (a preload with
     * duplicates is never searched).
     */
    public static int lowerBound(byte[][] sorted, byte[] key) {
        int found = search(sorted, key);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * Binary search of {@code sorted} (as for {@link #lowerBound}): the index of {@code key}, or
     * {@code -(insertion point) - 1} when absent, like {@link Arrays#binarySearch}. Written out
     * rather than {@code Arrays.binarySearch(sorted, key, ORDER)} so that the comparison is a direct
     * call of {@code Arrays.compareUnsigned} (no comparator indirection) and a hit needs no second
     * comparison to tell it from the insertion point: {@code PreloadMap}'s listings search with it
     * (its {@code get} uses {@link KeyIndex} instead).
     */
    public static int search(byte[][] sorted, byte[] key) {
        int low = 0;
        int high = sorted.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(sorted[mid], key);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
