package io.actorpreload.preload.internals;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import io.actorpreload.preload.layout.CorruptDataException;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.StoredMetadata;
import io.actorpreload.preload.layout.StoredRowKey;
import io.actorpreload.preload.store.StoredRow;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Turns the rows of a range, in key order, back into whole user entries, checking the layout on
 * the way: every chunk row follows its key's metadata row, chunk indexes run 0..n-1 without gaps,
 * each chunk has the length the value length implies. For each metadata row it asks
 * {@code onMetadata} whether to collect the value, skip it, or stop before it.
 * Not thread-safe; one per scan.
 */
final class RowAssembler {
    enum Action {
        COLLECT,
        SKIP,
        STOP
    }

    private final KeyLayout layout;
    private final byte[] actorPrefix;
    private final BiFunction<byte[], StoredMetadata, Action> onMetadata;
    private final Consumer<AssembledEntry> onEntry;

    private byte[] currentKey;
    private StoredMetadata currentMetadata;
    private int expectedChunks;
    private int nextChunk;
    /** Whether the current key's value is collected (else skipped). */
    private boolean collecting;
    /**
     * The value being collected: a value of several chunks is allocated at its length and each
     * chunk copied into it once; a value of one chunk is that chunk's own array (a row's arrays
     * are the store's fresh copy, read once), so it is not copied at all.
     */
    private byte[] value;

    RowAssembler(
            KeyLayout layout,
            byte[] actorPrefix,
            BiFunction<byte[], StoredMetadata, Action> onMetadata,
            Consumer<AssembledEntry> onEntry) {
        this.layout = layout;
        this.actorPrefix = actorPrefix;
        this.onMetadata = onMetadata;
        this.onEntry = onEntry;
    }

    /**
     * Takes the next row.
     *
     * @return false when {@code onMetadata} said STOP: the caller stops reading
     * @throws CorruptDataException when the rows break the layout
     */
    boolean accept(StoredRow row) {
        StoredRowKey rowKey = layout.decodeRowKey(actorPrefix, row.key());
        if (rowKey.metadata()) {
            requireCurrentComplete();
            StoredMetadata metadata = layout.decodeMetadata(rowKey.userKey(), row.value());
            Action action = onMetadata.apply(rowKey.userKey(), metadata);
            if (action == Action.STOP) {
                currentKey = null;
                return false;
            }
            currentKey = rowKey.userKey();
            currentMetadata = metadata;
            expectedChunks = KeyLayout.chunkCount(metadata.valueLength());
            nextChunk = 0;
            collecting = action == Action.COLLECT;
            value = collecting && expectedChunks > 1 ? new byte[Math.toIntExact(metadata.valueLength())] : null;
            emitIfComplete();
            return true;
        }
        acceptChunk(rowKey, row.value());
        return true;
    }

    /** The range ended: the last key must be complete. */
    void finish() {
        requireCurrentComplete();
    }

    private void acceptChunk(StoredRowKey rowKey, byte[] chunk) {
        if (currentKey == null || !Arrays.equals(currentKey, rowKey.userKey())) {
            throw new CorruptDataException("Chunk " + rowKey.chunkIndex() + " of key "
                    + ByteArrayUtil.printable(rowKey.userKey()) + " has no metadata row before it (metadata missing)");
        }
        if (rowKey.chunkIndex() >= expectedChunks) {
            throw new CorruptDataException("Key " + ByteArrayUtil.printable(currentKey) + " has an extra chunk "
                    + rowKey.chunkIndex() + " beyond its " + expectedChunks + " chunks");
        }
        if (rowKey.chunkIndex() != nextChunk) {
            throw new CorruptDataException("Chunk " + nextChunk + " of key " + ByteArrayUtil.printable(currentKey)
                    + " is missing (the value has " + expectedChunks + " chunks)");
        }
        long expectedLength = Math.min(
                KeyLayout.CHUNK_SIZE_BYTES,
                currentMetadata.valueLength() - (long) nextChunk * KeyLayout.CHUNK_SIZE_BYTES);
        if (chunk.length != expectedLength) {
            throw new CorruptDataException("Chunk " + nextChunk + " of key " + ByteArrayUtil.printable(currentKey)
                    + " has " + chunk.length + " bytes; the value length " + currentMetadata.valueLength() + " implies "
                    + expectedLength);
        }
        if (collecting && expectedChunks == 1) {
            value = chunk;
        } else if (collecting) {
            System.arraycopy(chunk, 0, value, nextChunk * KeyLayout.CHUNK_SIZE_BYTES, chunk.length);
        }
        nextChunk++;
        emitIfComplete();
    }

    private void emitIfComplete() {
        if (nextChunk == expectedChunks && collecting) {
            onEntry.accept(new AssembledEntry(currentKey, value == null ? new byte[0] : value, currentMetadata));
            collecting = false;
            value = null;
        }
    }

    private void requireCurrentComplete() {
        if (currentKey != null && nextChunk < expectedChunks) {
            throw new CorruptDataException("Chunk " + nextChunk + " of key " + ByteArrayUtil.printable(currentKey)
                    + " is missing (the value has " + expectedChunks + " chunks)");
        }
    }
}
