package io.actorpreload.preload.layout;

import com.apple.foundationdb.Range;
import com.apple.foundationdb.tuple.ByteArrayUtil;
import com.apple.foundationdb.tuple.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The key layout of docs/ARCHITECTURE.md ("Key layout"), on FoundationDB's tuple layer. Every driver stores
 * exactly these bytes:
 * <ul>
 *   <li>actor subspace {@code root + (actorId)};</li>
 *   <li>a user key {@code k} wrapped as a nested tuple {@code W(k) = (k)};</li>
 *   <li>one metadata row {@code actor + (W(k), METADATA)} whose value is the tuple
 *       {@code (version bytes, updateTs millis, value length)} — the length lets a reader size an
 *       entry before reading its value and detect a missing last chunk;</li>
 *   <li>value rows {@code actor + (W(k), DATA, chunkIndex)}, chunks of at most
 *       {@value #CHUNK_SIZE_BYTES} bytes, none for an empty value. {@code METADATA < DATA}, so the
 *       metadata row of a key sorts before its chunks.</li>
 * </ul>
 * A key exists when its metadata row exists. Immutable and thread-safe.
 */
public final class KeyLayout {
    /** At most this many value bytes per chunk row (FoundationDB allows 100,000 per value). */
    public static final int CHUNK_SIZE_BYTES = 10_000;
    /** Tuple element marking the metadata row of a user key. */
    public static final long METADATA = 0;
    /** Tuple element marking a value chunk row of a user key. */
    public static final long DATA = 1;
    /** The root of {@link #defaultLayout()}. */
    public static final Tuple DEFAULT_ROOT = Tuple.from("actor-preload", "kv");

    private static final byte NESTED_CODE = 0x05;
    private static final byte BYTES_CODE = 0x01;
    private static final byte[] NESTED_BYTES_CLOSING = {0x00, 0x00};

    private final Tuple root;

    private KeyLayout(Tuple root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The layout under {@link #DEFAULT_ROOT}. */
    public static KeyLayout defaultLayout() {
        return new KeyLayout(DEFAULT_ROOT);
    }

    /** A layout whose actor subspaces live under {@code root} (for example one per environment). */
    public static KeyLayout withRoot(Tuple root) {
        return new KeyLayout(root);
    }

    public Tuple root() {
        return root;
    }

    /** The packed actor subspace {@code root + (actorId)}; every row of the actor starts with it. */
    public byte[] actorPrefix(String actorId) {
        return actorTuple(actorId).pack();
    }

    /** Every row of one actor. Excludes actors whose id merely starts with {@code actorId}. */
    public KeyRange actorRange(String actorId) {
        return rangeOf(actorTuple(actorId));
    }

    /** Every row (metadata and chunks) of one user key, and nothing else. */
    public KeyRange userKeyRows(String actorId, byte[] userKey) {
        return rangeOf(wrapped(actorId, userKey));
    }

    /** The metadata row of a user key. */
    public byte[] metadataKey(String actorId, byte[] userKey) {
        return wrapped(actorId, userKey).add(METADATA).pack();
    }

    /** The row of chunk {@code chunkIndex} of a user key's value. */
    public byte[] chunkKey(String actorId, byte[] userKey, int chunkIndex) {
        if (chunkIndex < 0) {
            throw new IllegalArgumentException("chunkIndex may not be negative. Got: " + chunkIndex);
        }
        return wrapped(actorId, userKey).add(DATA).add(chunkIndex).pack();
    }

    /**
     * The rows of every user key of the actor that starts with {@code prefix}: begin is the packed
     * {@code actor + (W(prefix))} without the closing bytes of the nested byte string, end is
     * {@code strinc(begin)} (never {@code begin + 0xFF}, which would miss keys whose next byte is 0xFF).
     *
     * @throws IllegalStateException if the tuple encoding does not end the way this layout assumes
     */
    public KeyRange prefixRange(String actorId, byte[] prefix) {
        byte[] actor = actorPrefix(actorId);
        byte[] packed = wrapped(actorId, prefix).pack();
        int closingAt = packed.length - NESTED_BYTES_CLOSING.length;
        boolean expected = closingAt >= actor.length + 2
                && Arrays.equals(packed, closingAt, packed.length, NESTED_BYTES_CLOSING, 0, NESTED_BYTES_CLOSING.length)
                && Arrays.equals(packed, 0, actor.length, actor, 0, actor.length)
                && packed[actor.length] == NESTED_CODE
                && packed[actor.length + 1] == BYTES_CODE;
        if (!expected) {
            throw new IllegalStateException("Unexpected tuple encoding of the nested key "
                    + ByteArrayUtil.printable(prefix) + ": " + ByteArrayUtil.printable(packed)
                    + ". The prefix range would be wrong; refusing to guess.");
        }
        byte[] begin = Arrays.copyOf(packed, closingAt);
        return new KeyRange(begin, ByteArrayUtil.strinc(begin));
    }

    /**
     * Decodes a row key of the actor whose packed subspace is {@code actorPrefix}.
     *
     * @throws CorruptDataException when the key is not a row of this layout
     */
    public StoredRowKey decodeRowKey(byte[] actorPrefix, byte[] rowKey) {
        if (rowKey.length <= actorPrefix.length
                || !Arrays.equals(rowKey, 0, actorPrefix.length, actorPrefix, 0, actorPrefix.length)) {
            throw new CorruptDataException("Row " + ByteArrayUtil.printable(rowKey) + " is outside the actor subspace "
                    + ByteArrayUtil.printable(actorPrefix));
        }
        StoredRowKey read = TupleFastPath.rowKey(rowKey, actorPrefix.length);
        return read != null ? read : decodeRowKeyWithTupleLayer(actorPrefix, rowKey);
    }

    /** {@link #decodeRowKey} by the tuple layer's own decoder, for a row key outside {@link TupleFastPath}'s shape. */
    StoredRowKey decodeRowKeyWithTupleLayer(byte[] actorPrefix, byte[] rowKey) {
        List<Object> items =
                decodeTuple(rowKey, actorPrefix.length, () -> "row key").getItems();
        // fdb-java decodes a nested tuple as a List of its items.
        if (items.size() < 2
                || !(items.get(0) instanceof List<?> wrapped)
                || wrapped.size() != 1
                || !(wrapped.get(0) instanceof byte[] userKey)
                || !(items.get(1) instanceof Long kind)) {
            throw corruptRow(rowKey);
        }
        if (kind == METADATA && items.size() == 2) {
            return new StoredRowKey(userKey, true, -1);
        }
        if (kind == DATA
                && items.size() == 3
                && items.get(2) instanceof Long index
                && index >= 0
                && index <= Integer.MAX_VALUE) {
            return new StoredRowKey(userKey, false, index.intValue());
        }
        throw corruptRow(rowKey);
    }

    /** The value of a metadata row. */
    public byte[] encodeMetadata(StoredMetadata metadata) {
        return Tuple.from(metadata.version(), metadata.updateTsMillis(), metadata.valueLength())
                .pack();
    }

    /**
     * Decodes the value of a metadata row.
     *
     * @throws CorruptDataException when the bytes are not a metadata tuple
     */
    public StoredMetadata decodeMetadata(byte[] userKey, byte[] encoded) {
        StoredMetadata read = TupleFastPath.metadata(encoded);
        return read != null ? read : decodeMetadataWithTupleLayer(userKey, encoded);
    }

    /** {@link #decodeMetadata} by the tuple layer's own decoder, for a value outside {@link TupleFastPath}'s shape. */
    StoredMetadata decodeMetadataWithTupleLayer(byte[] userKey, byte[] encoded) {
        List<Object> items = decodeTuple(encoded, 0, () -> "metadata of key " + ByteArrayUtil.printable(userKey))
                .getItems();
        if (items.size() != 3
                || !(items.get(0) instanceof byte[] version)
                || !(items.get(1) instanceof Long updateTs)
                || !(items.get(2) instanceof Long length)
                || length < 0) {
            throw new CorruptDataException("Metadata of key " + ByteArrayUtil.printable(userKey)
                    + " is not (version bytes, updateTs, value length >= 0): " + ByteArrayUtil.printable(encoded));
        }
        return new StoredMetadata(version, updateTs, length);
    }

    /** How many chunk rows a value of {@code valueLength} bytes has (0 for an empty value). */
    public static int chunkCount(long valueLength) {
        return Math.toIntExact((valueLength + CHUNK_SIZE_BYTES - 1) / CHUNK_SIZE_BYTES);
    }

    private Tuple actorTuple(String actorId) {
        return root.add(Objects.requireNonNull(actorId, "actorId"));
    }

    private Tuple wrapped(String actorId, byte[] userKey) {
        return actorTuple(actorId).add(Tuple.from((Object) Objects.requireNonNull(userKey, "userKey")));
    }

    /** Every key strictly inside the tuple's subspace (the tuple layer's own range). */
    private static KeyRange rangeOf(Tuple tuple) {
        Range range = tuple.range();
        return new KeyRange(range.begin, range.end);
    }

    /** {@code what} names the bytes in the error, built only then: this runs for every row a preload reads. */
    private static Tuple decodeTuple(byte[] bytes, int offset, Supplier<String> what) {
        try {
            return Tuple.fromBytes(bytes, offset, bytes.length - offset);
        } catch (RuntimeException e) {
            throw new CorruptDataException(
                    "Cannot decode the " + what.get() + ": " + ByteArrayUtil.printable(bytes), e);
        }
    }

    private static CorruptDataException corruptRow(byte[] rowKey) {
        return new CorruptDataException("Row " + ByteArrayUtil.printable(rowKey)
                + " is neither (W(key), METADATA) nor (W(key), DATA, chunkIndex)");
    }

    @Override
    public String toString() {
        return "KeyLayout{root=" + root + "}";
    }
}
