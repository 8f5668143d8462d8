package io.actorpreload.runner.internals;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Exact-match index over an array of byte keys: {@link #indexOf} gives a key's position in that
 * array, or -1, in one hash and (typically) one or two probes instead of a binary search's
 * log2(n) comparisons. It keeps no order; prefix and range questions stay with {@link ByteKeys}'
 * sorted-array search.
 *
 * <p>Immutable after {@link #of} and safe to share between threads. It keeps a reference to the
 * array it was built over, which must not change afterwards. When the array holds a key twice,
 * {@link #indexOf} gives the first position. Costs 8 bytes per table slot, 2 to 4 slots per key.
 */
public final class KeyIndex {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final KeyIndex EMPTY = new KeyIndex(new byte[0][], -1L);

    private final byte[][] keys;
    /**
     * Open addressing with linear probing, two ints per slot: the key's position + 1 (0 = empty
     * slot) and its hash's low 32 bits. Keeping the hash beside the position lets a probe reject a
     * different key without touching that key's bytes (another cache line); a miss then usually
     * costs no byte comparison at all.
     */
    private final int[] table;

    private final int mask;
    /** -1 in production. Tests pass 0 so that every key has the same hash: the equality path under full collision. */
    private final long hashMask;

    private KeyIndex(byte[][] keys, long hashMask) {
        this.keys = keys;
        this.hashMask = hashMask;
        // At least twice the keys, so that a miss usually stops at the first or second slot.
        int slots = Integer.highestOneBit(Math.max(keys.length, 1) * 2) * 2;
        this.table = new int[slots * 2];
        this.mask = slots - 1;
        for (int i = 0; i < keys.length; i++) {
            insert(i);
        }
    }

    /** The index of {@code keys}; keeps (does not copy) the array. */
    public static KeyIndex of(byte[][] keys) {
        return keys.length == 0 ? EMPTY : new KeyIndex(keys, -1L);
    }

    /** As {@link #of}, with every hash masked by {@code hashMask}: for tests that force collisions. */
    static KeyIndex withHashMask(byte[][] keys, long hashMask) {
        return new KeyIndex(keys, hashMask);
    }

    /** The position of {@code key} in the indexed array, or -1 when it is not there. */
    public int indexOf(byte[] key) {
        return indexOf(key, hash(key));
    }

    /**
     * As {@link #indexOf(byte[])} with {@code hash} = {@link #hash}{@code (key)} computed by the
     * caller, so that one hash serves several indexes.
     */
    public int indexOf(byte[] key, long hash) {
        int position = table[slotOf(key, hash & hashMask) << 1];
        return position - 1;
    }

    /** Number of keys indexed (duplicates counted once); for tests. */
    int size() {
        int size = 0;
        for (int i = 0; i < table.length; i += 2) {
            if (table[i] != 0) {
                size++;
            }
        }
        return size;
    }

    private void insert(int position) {
        byte[] key = keys[position];
        long h = hash(key) & hashMask;
        int at = slotOf(key, h) << 1;
        if (table[at] == 0) { // else a duplicate: the first position stays
            table[at] = position + 1;
            table[at + 1] = (int) h;
        }
    }

    /** The slot holding {@code key}, or the empty slot where it would go: linear probing from its hash. */
    private int slotOf(byte[] key, long maskedHash) {
        int fingerprint = (int) maskedHash;
        int slot = (int) (maskedHash >>> 32) & mask;
        while (true) {
            int at = slot << 1;
            int position = table[at];
            if (position == 0 || table[at + 1] == fingerprint && Arrays.equals(keys[position - 1], key)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * A 64-bit hash of all of {@code key}'s bytes. Reads 8 bytes at a time (Java 17's
     * {@code Arrays.hashCode} goes byte by byte) and ends with a murmur3-style mix so that both
     * halves are usable: the high half picks the slot, the low half is the stored fingerprint.
     */
    public static long hash(byte[] key) {
        int length = key.length;
        long h = length * MULTIPLIER;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(key, i)) * MULTIPLIER;
        }
        long tail = 0;
        int shift = 0;
        if (i + Integer.BYTES <= length) {
            tail = (int) INTS.get(key, i) & 0xFFFF_FFFFL;
            i += Integer.BYTES;
            shift = Integer.SIZE;
        }
        for (; i < length; i++, shift += Byte.SIZE) {
            tail |= (key[i] & 0xFFL) << shift;
        }
        h = (h ^ tail) * MULTIPLIER;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
