package io.actorpreload.preload.internals;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.layout.CorruptDataException;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.layout.StoredMetadata;
import io.actorpreload.preload.store.RangeBatch;
import io.actorpreload.preload.store.SnapshotReader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt of the preload of docs/ARCHITECTURE.md ("The preload", rules 1-4) inside one snapshot: all
 * state (budget, entries) lives in this object, so a retried transaction starts from a fresh one.
 *
 * <p>Reads ahead, then decides in order. All reads that can matter are issued at once, in one
 * round trip: the read version; every row (metadata and chunks) of every get-key, up to a bit more
 * than the plan budget ({@link ReadLimits#getKeyRows}); the first batch of every prefix, sized for
 * min(its maximum, the plan budget). Then the rules run on the results strictly in order (get-keys
 * in manifest order, then prefixes in priority order), each with the budget the earlier ones left.
 * Only a read that stopped at its limit before the rules had what they need is continued, then and
 * in order: a prefix whose rows outgrow its first batch, or a get-key whose rows do not fit its
 * read (see {@link ReadLimits#getKeyRows}). So a preload whose prefixes fit their first batch takes
 * one round trip, whatever the number of keys and prefixes.
 *
 * <p>The cost of reading ahead: a read the rules turn out not to need is wasted. That happens when
 * a get-key's value does not fit (its read stops after about one plan budget, plus one row) or
 * when an earlier key or prefix spent the budget a prefix read was sized for (at most
 * min(its maximum, the plan budget) + one row per prefix, or 4 KiB). A read never exceeds these
 * bounds, and no read is issued for a plan budget or prefix maximum of 0. The result, including
 * which corrupt rows make it fail, does not depend on what was read ahead: the rules look only at
 * the rows they would have read one by one, and a get-key's rows are checked whole, so an extra
 * chunk is caught too. Not thread-safe; one per attempt.
 */
public final class SnapshotPreload {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

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
        // Taken before the read version is asked for: the snapshot is at least this recent, so the
        // runner never thinks it fresher than it is.
        Instant readAt = Instant.now();
        CompletableFuture<Long> readVersion = reader.readVersion();
        CompletableFuture<?> rules = DONE;
        if (plan.budget() > 0) {
            for (byte[] key : plan.getKeys()) {
                KeyRange rows = layout.userKeyRows(actorId, key);
                CompletableFuture<RangeBatch> read = reader.getRange(
                        rows.begin(), rows.end(), ReadLimits.getKeyRows(layout, actorId, key, plan.budget()));
                rules = rules.thenCompose(ignored -> takeGetKey(key, rows, read));
            }
        }
        for (PreloadPlan.Prefix request : plan.prefixes()) {
            long mostItCanGet = Math.min(request.maxBytes(), plan.budget());
            if (mostItCanGet > 0) {
                KeyRange range = layout.prefixRange(actorId, request.prefix());
                CompletableFuture<RangeBatch> firstBatch =
                        reader.getRange(range.begin(), range.end(), ReadLimits.prefixBatch(mostItCanGet));
                rules = rules.thenCompose(ignored -> takePrefix(request, range, firstBatch));
            }
        }
        return rules.thenCombine(readVersion, (ignored, version) -> result(version, readAt));
    }

    /** Rule 2 for one get-key, on its rows read ahead. */
    private CompletableFuture<?> takeGetKey(byte[] key, KeyRange rows, CompletableFuture<RangeBatch> read) {
        if (budget.remaining() <= 0) {
            return DONE;
        }
        return read.thenCompose(batch -> {
            if (batch.rows().isEmpty()) {
                requestedGetKeys.add(key); // absent: an authoritative answer
                return CompletableFuture.completedFuture(RangeFeed.End.EXHAUSTED);
            }
            RowAssembler assembler = new RowAssembler(
                    layout,
                    actorPrefix,
                    (userKey, metadata) -> decideGetKey(key, userKey, metadata),
                    entry -> entries.put(entry.key(), entry));
            return new RangeFeed(reader, rows.end(), assembler, ReadLimits::rest).feed(batch);
        });
    }

    private RowAssembler.Action decideGetKey(byte[] key, byte[] userKey, StoredMetadata metadata) {
        if (!Arrays.equals(userKey, key)) {
            throw new CorruptDataException("The rows of key " + ByteArrayUtil.printable(key) + " of actor " + actorId
                    + " hold the metadata of another key, " + ByteArrayUtil.printable(userKey));
        }
        // Rule 2: a value that does not fit is in neither list, so the runner falls back to the
        // store instead of treating real state as absent.
        if (!budget.tryCharge(AssembledEntry.size(key, metadata))) {
            return RowAssembler.Action.STOP;
        }
        requestedGetKeys.add(key);
        return RowAssembler.Action.COLLECT;
    }

    /** Rule 3 for one prefix, starting from its first batch read ahead. */
    private CompletableFuture<Void> takePrefix(
            PreloadPlan.Prefix request, KeyRange range, CompletableFuture<RangeBatch> firstBatch) {
        long effective = Math.min(request.maxBytes(), budget.remaining());
        if (effective <= 0) {
            return DONE;
        }
        PrefixTake take = new PrefixTake(effective, entries::containsKey);
        RowAssembler assembler = new RowAssembler(layout, actorPrefix, take::decide, take::taken);
        RangeFeed feed = new RangeFeed(reader, range.end(), assembler, () -> ReadLimits.prefixBatch(take.remaining()));
        return firstBatch
                .thenCompose(feed::feed)
                .thenAccept(end -> commit(request, take, end == RangeFeed.End.STOPPED));
    }

    private void commit(PreloadPlan.Prefix request, PrefixTake take, boolean overflowed) {
        if (overflowed && !request.partial()) {
            return; // Rule 3: all or nothing; nothing spent, not requested.
        }
        if (!budget.tryCharge(take.spent())) {
            throw new IllegalStateException(
                    "A prefix spent " + take.spent() + " bytes but only " + budget.remaining() + " remained");
        }
        for (AssembledEntry entry : take.entries()) {
            entries.put(entry.key(), entry);
        }
        ByteBuffer resumeAfter = overflowed && take.lastKept() != null ? ByteBuffer.wrap(take.lastKept()) : null;
        requestedPrefixes.put(
                request.prefix(), new PrefixPreload(ByteBuffer.wrap(request.prefix()), !overflowed, resumeAfter));
    }

    private PreloadedKv result(long readVersion, Instant readAt) {
        List<PreloadEntry> entryList = new ArrayList<>(entries.size());
        for (AssembledEntry entry : entries.values()) {
            KvMetadata metadata = new KvMetadata(
                    ByteBuffer.wrap(entry.metadata().version()),
                    Instant.ofEpochMilli(entry.metadata().updateTsMillis()));
            entryList.add(new PreloadEntry(ByteBuffer.wrap(entry.key()), ByteBuffer.wrap(entry.value()), metadata));
        }
        List<ByteBuffer> getKeys = new ArrayList<>(requestedGetKeys.size());
        for (byte[] key : requestedGetKeys) {
            getKeys.add(ByteBuffer.wrap(key));
        }
        return new PreloadedKv(
                readVersion, entryList, getKeys, new ArrayList<>(requestedPrefixes.values()), budget.spent(), readAt);
    }
}
