package io.actorpreload.preload.internals;

import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.store.RangeLimit;
import io.actorpreload.preload.store.StoreReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads of single user keys outside the preload, with the same layout checks. */
public final class EntryReads {
    private EntryReads() {}

    /** Reads every row of one user key in one range read and joins them. */
    public static CompletableFuture<Optional<AssembledEntry>> readOne(
            KeyLayout layout, StoreReader reader, String actorId, byte[] key) {
        KeyRange rows = layout.userKeyRows(actorId, key);
        // One range read: a value is at most 1 MiB (ActorKvWriter), far below this bound.
        return reader.getRange(rows.begin(), rows.end(), RangeLimit.rows(Integer.MAX_VALUE))
                .thenApply(batch -> {
                    AssembledEntry[] found = new AssembledEntry[1];
                    RowAssembler assembler = new RowAssembler(
                            layout,
                            layout.actorPrefix(actorId),
                            (userKey, metadata) -> RowAssembler.Action.COLLECT,
                            entry -> found[0] = entry);
                    batch.rows().forEach(assembler::accept);
                    assembler.finish();
                    return Optional.ofNullable(found[0]);
                });
    }

    /** Reads every user key of the actor that starts with {@code prefix}, in key order, in one range read. */
    public static CompletableFuture<List<AssembledEntry>> readPrefix(
            KeyLayout layout, StoreReader reader, String actorId, byte[] prefix) {
        KeyRange rows = layout.prefixRange(actorId, prefix);
        return reader.getRange(rows.begin(), rows.end(), RangeLimit.rows(Integer.MAX_VALUE))
                .thenApply(batch -> {
                    List<AssembledEntry> found = new ArrayList<>();
                    RowAssembler assembler = new RowAssembler(
                            layout,
                            layout.actorPrefix(actorId),
                            (userKey, metadata) -> RowAssembler.Action.COLLECT,
                            found::add);
                    batch.rows().forEach(assembler::accept);
                    assembler.finish();
                    return found;
                });
    }
}
