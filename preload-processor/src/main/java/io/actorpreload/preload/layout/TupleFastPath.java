package io.actorpreload.preload.layout;

import java.util.Arrays;

/**
 * Reads the two tuples a preload decodes for every row, straight from the tuple layer's bytes and
 * only in the one shape {@link KeyLayout} writes them: a row key's part after the actor's subspace,
 * {@code (W(k), METADATA)} or {@code (W(k), DATA, chunkIndex)}, and a metadata value,
 * {@code (version, updateTs, length)}. The tuple layer's general decoder allocates a {@code Tuple},
 * its lists and boxed longs for every row, and a preload decodes many rows (docs/BENCHMARKS.md,
 * "jmh: PreloadBench").
 *
 * <p>The encodings read: a byte string is {@code 0x01}, its bytes with each {@code 0x00} written
 * {@code 0x00 0xFF}, then {@code 0x00}; a nested tuple is {@code 0x05}, its elements, then
 * {@code 0x00}; a non-negative integer is {@code 0x14} for zero or {@code 0x14 + n} and n
 * big-endian bytes. Anything else gives null, and {@link KeyLayout} hands the bytes to the tuple
 * layer, which reads or refuses them as before: this class never decides that data is corrupt.
 * Stateless.
 */
final class TupleFastPath {
    private static final int BYTES = 0x01;
    private static final int NESTED = 0x05;
    private static final int END = 0x00;
    private static final int ESCAPE = 0xFF;
    private static final int INT_ZERO = 0x14;

    private TupleFastPath() {}

    /** The row key decoded from {@code rowKey[offset..]}, or null when it is not in the shape this class reads. */
    static StoredRowKey rowKey(byte[] rowKey, int offset) {
        Cursor in = new Cursor(rowKey, offset);
        if (!in.take(NESTED)) {
            return null;
        }
        byte[] userKey = in.byteString();
        // The nested tuple's end. A 0x00 0xFF here would be a null element inside it instead, and
        // 0xFF is no integer code below: such a key is left to the tuple layer.
        if (userKey == null || !in.take(END)) {
            return null;
        }
        long kind = in.integer(1);
        if (kind == KeyLayout.METADATA && in.atEnd()) {
            return new StoredRowKey(userKey, true, -1);
        }
        if (kind != KeyLayout.DATA) {
            return null;
        }
        long index = in.integer(4);
        return index >= 0 && index <= Integer.MAX_VALUE && in.atEnd()
                ? new StoredRowKey(userKey, false, (int) index)
                : null;
    }

    /** The metadata decoded from {@code value}, or null when it is not in the shape this class reads. */
    static StoredMetadata metadata(byte[] value) {
        Cursor in = new Cursor(value, 0);
        byte[] version = in.byteString();
        long updateTs = version == null ? -1 : in.integer(Long.BYTES);
        long length = updateTs < 0 ? -1 : in.integer(Long.BYTES);
        return length >= 0 && in.atEnd() ? new StoredMetadata(version, updateTs, length) : null;
    }

    /** A read position in one array; every read that does not find its shape says so (null, -1, false). */
    private static final class Cursor {
        private final byte[] bytes;
        private int at;

        Cursor(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        boolean atEnd() {
            return at == bytes.length;
        }

        /** Moves past {@code code} if it is the next byte. */
        boolean take(int code) {
            if (at < bytes.length && (bytes[at] & 0xFF) == code) {
                at++;
                return true;
            }
            return false;
        }

        /** The byte string here, unescaped, or null. */
        byte[] byteString() {
            if (!take(BYTES)) {
                return null;
            }
            int begin = at;
            int escapes = 0;
            while (true) {
                if (at >= bytes.length) {
                    return null;
                }
                if (bytes[at] == END) {
                    if (at + 1 < bytes.length && (bytes[at + 1] & 0xFF) == ESCAPE) {
                        escapes++;
                        at += 2;
                        continue;
                    }
                    break;
                }
                at++;
            }
            byte[] string = unescaped(begin, at, escapes);
            at++; // the string's end
            return string;
        }

        private byte[] unescaped(int begin, int end, int escapes) {
            if (escapes == 0) {
                return Arrays.copyOfRange(bytes, begin, end);
            }
            byte[] string = new byte[end - begin - escapes];
            int to = 0;
            for (int from = begin; from < end; from++) {
                string[to++] = bytes[from];
                if (bytes[from] == END) {
                    from++; // its escape
                }
            }
            return string;
        }

        /**
         * The non-negative integer of at most {@code maxBytes} bytes here, or -1. Eight bytes past
         * {@code Long.MAX_VALUE} (the tuple layer's {@code BigInteger}) come out negative too.
         */
        long integer(int maxBytes) {
            if (at >= bytes.length) {
                return -1;
            }
            int length = (bytes[at] & 0xFF) - INT_ZERO;
            if (length < 0 || length > maxBytes || at + 1 + length > bytes.length) {
                return -1;
            }
            long value = 0;
            for (int i = 1; i <= length; i++) {
                value = value << 8 | (bytes[at + i] & 0xFF);
            }
            at += 1 + length;
            return value;
        }
    }
}
