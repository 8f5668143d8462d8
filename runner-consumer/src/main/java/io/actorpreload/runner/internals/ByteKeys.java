package io.actorpreload.runner.internals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;

/**
 * Byte-string helpers shared by the runner library: unsigned lexicographic order (the store's
 * order), prefix tests, copies out of Avro buffers, and a readable rendering for logs.
 * Stateless and thread-safe.
 */
public final class ByteKeys {
    /** Unsigned lexicographic order, the order of the store and of every preload array. */
    public static final Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    private static final int LOGGED_BYTES = 64;

    private ByteKeys() {
    }

    /** Compares {@code a} and {@code b} as unsigned bytes; a proper prefix sorts first. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** True when {@code key} starts with {@code prefix} (every key starts with the empty prefix). */
    public static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Index of the first element of {@code sorted} that is {@code >= key}; {@code sorted.length} if none. */
    public static int lowerBound(byte[][] sorted, byte[] key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (compare(sorted[mid], key) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** True when {@code sorted} contains {@code key}. */
    public static boolean contains(byte[][] sorted, byte[] key) {
        int i = lowerBound(sorted, key);
        return i < sorted.length && Arrays.equals(sorted[i], key);
    }

    /** A copy of the remaining bytes of {@code buffer}, leaving the buffer's position untouched. */
    public static byte[] copyOf(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /** Hex rendering for logs, cut after 64 bytes so a huge key cannot flood a log line. */
    public static String hex(byte[] key) {
        if (key.length <= LOGGED_BYTES) {
            return "0x" + HexFormat.of().formatHex(key);
        }
        return "0x" + HexFormat.of().formatHex(key, 0, LOGGED_BYTES) + "...(" + key.length + " bytes)";
    }
}
