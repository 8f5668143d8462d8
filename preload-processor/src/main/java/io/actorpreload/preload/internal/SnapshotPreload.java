package io.actorpreload.preload.internal;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.preload.layout.CorruptDataException;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.layout.StoredMetadata;
import io.actorpreload.preload.layout.StoredRowKey;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.SnapshotReader;
import io.actorpreload.preload.store.StoredRow;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt of the preload of DESIGN.md ("The preload", rules 1-4) inside one snapshot: all
 * state (budget, entries) lives in this object, so a retried transaction starts from a fresh one.
 *
 * <p>Get-keys take two rounds of concurrent reads: the first row of every key (its metadata, which
 * holds the value length, so a value is sized before it is read), then the chunks of the keys that
 * fit. Prefixes are scanned one after another (each one's budget depends on what the previous
 * spent), in byte-bounded batches that stop at the first entry that does not fit, so a scan loads
 * at most one batch past the budget. Not thread-safe; one per attempt.
 */
public final class SnapshotPreload {
    /** A prefix batch reads at least this many bytes, so tiny remaining budgets do not mean tiny reads. */
    private static final long MIN_BATCH_BYTES = 4096;

    private final KeyLayout layout;
    private final String actorId;
    private final byte[] actorPrefix;
    private final PreloadPlan plan;
    private final SnapshotReader reader;
    private final BudgetTracker budget;
    private final TreeMap<byte[], AssembledEntry> entries = new TreeMap<>(Arrays::compareUnsigned);
    private final TreeSet<byte[]> requestedGetKeys = new TreeSet<>(Arrays::compareUnsigned);
    private final TreeMap<byte[], PrefixPreload> requestedPrefixes = new TreeMap<>(Arrays::compareUnsigned);

    public SnapshotPreload(KeyLayout layout, String actorId, PreloadPlan plan, SnapshotReader reader) {
        this.layout = layout;
        this.actorId = actorId;
        this.actorPrefix = layout.actorPrefix(actorId);
        this.plan = plan;
        this.reader = reader;
        this.budget = new BudgetTracker(plan.budget());
    }

    /** Runs the preload; completes exceptionally on a store error or corrupt data. */
    public CompletableFuture<PreloadedKv> run() {
        CompletableFuture<Long> readVersion = reader.readVersion();
        return readGetKeys()
                .thenCompose(ignored -> readPrefixes(0))
                .thenCombine(readVersion, (ignored, version) -> result(version));
    }

    private CompletableFuture<Void> readGetKeys() {
        List<CompletableFuture<RangeBatch>> firstRows = new ArrayList<>(plan.getKeys().size());
        for (byte[] key : plan.getKeys()) {
            KeyRange rows = layout.userKeyRows(actorId, key);
            firstRows.add(reader.getRange(rows.begin(), rows.end(), RangeLimit.rows(1)));
        }
        return CompletableFuture.allOf(firstRows.toArray(CompletableFuture[]::new)).thenCompose(ignored -> {
            List<byte[]> fitting = new ArrayList<>();
            List<StoredMetadata> fittingMetadata = new ArrayList<>();
            for (int i = 0; i < plan.getKeys().size() && budget.remaining() > 0; i++) {
                byte[] key = plan.getKeys().get(i);
                List<StoredRow> rows = firstRows.get(i).join().rows();
                if (rows.isEmpty()) {
                    requestedGetKeys.add(key);
                    continue;
                }
                StoredMetadata metadata = metadataOf(key, rows.get(0));
                // Rule 2: a value that does not fit is in neither list, so the runner falls back to
                // the store instead of treating real state as absent.
                if (budget.tryCharge(AssembledEntry.size(key, metadata))) {
                    requestedGetKeys.add(key);
                    fitting.add(key);
                    fittingMetadata.add(metadata);
                }
            }
            return readValues(fitting, fittingMetadata);
        });
    }

    private StoredMetadata metadataOf(byte[] key, StoredRow firstRow) {
        StoredRowKey rowKey = layout.decodeRowKey(actorPrefix, firstRow.key());
        if (!rowKey.metadata() || !Arrays.equals(rowKey.userKey(), key)) {
            throw new CorruptDataException("Key " + ByteArrayUtil.printable(key) + " of actor " + actorId
                    + " has value rows but no metadata row (metadata missing)");
        }
        return layout.decodeMetadata(key, firstRow.value());
    }

    private CompletableFuture<Void> readValues(List<byte[]> keys, List<StoredMetadata> metadata) {
        List<byte[]> chunkKeys = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int chunks = KeyLayout.chunkCount(metadata.get(i).valueLength());
            for (int chunk = 0; chunk < chunks; chunk++) {
                chunkKeys.add(layout.chunkKey(actorId, keys.get(i), chunk));
            }
        }
        return reader.getAll(chunkKeys).thenAccept(chunks -> {
            int next = 0;
            for (int i = 0; i < keys.size(); i++) {
                List<byte[]> ownChunks = chunks.subList(next, next + KeyLayout.chunkCount(metadata.get(i).valueLength()));
                next += ownChunks.size();
                byte[] key = keys.get(i);
                entries.put(key, new AssembledEntry(key, joinChunks(key, metadata.get(i), ownChunks), metadata.get(i)));
            }
        });
    }

    private static byte[] joinChunks(byte[] key, StoredMetadata metadata, List<byte[]> chunks) {
        byte[] value = new byte[Math.toIntExact(metadata.valueLength())];
        int offset = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] chunk = chunks.get(i);
            if (chunk == null) {
                throw new CorruptDataException("Chunk " + i + " of key " + ByteArrayUtil.printable(key)
                        + " is missing (the value has " + chunks.size() + " chunks)");
            }
            int expected = (int) Math.min(KeyLayout.CHUNK_SIZE_BYTES, metadata.valueLength() - offset);
            if (chunk.length != expected) {
                throw new CorruptDataException("Chunk " + i + " of key " + ByteArrayUtil.printable(key) + " has "
                        + chunk.length + " bytes; the value length " + metadata.valueLength() + " implies " + expected);
            }
            System.arraycopy(chunk, 0, value, offset, chunk.length);
            offset += chunk.length;
        }
        return value;
    }

    private CompletableFuture<Void> readPrefixes(int index) {
        if (index == plan.prefixes().size()) {
            return CompletableFuture.completedFuture(null);
        }
        return readPrefix(plan.prefixes().get(index)).thenCompose(ignored -> readPrefixes(index + 1));
    }

    private CompletableFuture<Void> readPrefix(PreloadPlan.Prefix request) {
        long effective = Math.min(request.maxBytes(), budget.remaining());
        if (effective <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        PrefixScan scan = new PrefixScan(new BudgetTracker(effective));
        RowAssembler assembler = new RowAssembler(layout, actorPrefix, scan::decide, scan::taken);
        KeyRange range = layout.prefixRange(actorId, request.prefix());
        return scanFrom(scan, assembler, range.begin(), range.end())
                .thenRun(() -> commit(request, scan));
    }

    private CompletableFuture<Void> scanFrom(PrefixScan scan, RowAssembler assembler, byte[] begin, byte[] end) {
        RangeLimit limit = RangeLimit.bytes(Math.max(MIN_BATCH_BYTES, scan.budget.remaining() + 1));
        return reader.getRange(begin, end, limit).thenCompose(batch -> {
            for (StoredRow row : batch.rows()) {
                if (!assembler.accept(row)) {
                    scan.overflowed = true;
                    return CompletableFuture.completedFuture(null);
                }
            }
            if (batch.limitReached()) {
                return scanFrom(scan, assembler, batch.continueFrom().orElseThrow(), end);
            }
            assembler.finish();
            return CompletableFuture.completedFuture(null);
        });
    }

    private void commit(PreloadPlan.Prefix request, PrefixScan scan) {
        if (scan.overflowed && !request.partial()) {
            return; // Rule 3: all or nothing; nothing spent, not requested.
        }
        if (!budget.tryCharge(scan.budget.spent())) {
            throw new IllegalStateException("A prefix spent " + scan.budget.spent() + " bytes but only "
                    + budget.remaining() + " remained");
        }
        for (AssembledEntry entry : scan.entries) {
            entries.put(entry.key(), entry);
        }
        ByteBuffer resumeAfter = scan.overflowed && scan.lastKept != null ? ByteBuffer.wrap(scan.lastKept) : null;
        requestedPrefixes.put(request.prefix(), new PrefixPreload(ByteBuffer.wrap(request.prefix()), !scan.overflowed, resumeAfter));
    }

    private PreloadedKv result(long readVersion) {
        List<PreloadEntry> entryList = new ArrayList<>(entries.size());
        for (AssembledEntry entry : entries.values()) {
            KvMetadata metadata = new KvMetadata(ByteBuffer.wrap(entry.metadata().version()),
                    Instant.ofEpochMilli(entry.metadata().updateTsMillis()));
            entryList.add(new PreloadEntry(ByteBuffer.wrap(entry.key()), ByteBuffer.wrap(entry.value()), metadata));
        }
        List<ByteBuffer> getKeys = new ArrayList<>(requestedGetKeys.size());
        for (byte[] key : requestedGetKeys) {
            getKeys.add(ByteBuffer.wrap(key));
        }
        return new PreloadedKv(readVersion, entryList, getKeys, new ArrayList<>(requestedPrefixes.values()), budget.spent());
    }

    /** The state of one prefix scan: its own budget, the entries it took, where it stopped. */
    private final class PrefixScan {
        private final BudgetTracker budget;
        private final List<AssembledEntry> entries = new ArrayList<>();
        private byte[] lastKept;
        private boolean overflowed;

        private PrefixScan(BudgetTracker budget) {
            this.budget = budget;
        }

        private RowAssembler.Action decide(byte[] key, StoredMetadata metadata) {
            if (SnapshotPreload.this.entries.containsKey(key)) {
                lastKept = key; // already taken: covered at no further cost, appears once
                return RowAssembler.Action.SKIP;
            }
            return budget.tryCharge(AssembledEntry.size(key, metadata)) ? RowAssembler.Action.COLLECT : RowAssembler.Action.STOP;
        }

        private void taken(AssembledEntry entry) {
            entries.add(entry);
            lastKept = entry.key();
        }
    }
}
