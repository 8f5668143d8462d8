package io.actorpreload.preload.internals;

import io.actorpreload.preload.layout.StoredMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What one prefix takes under its own budget (docs/ARCHITECTURE.md rule 3): whole entries in key order while
 * they fit (an exact fit is accepted); a key the preload already holds is covered at no further
 * cost and kept once. Not thread-safe; one per prefix.
 */
final class PrefixTake {
    private final BudgetTracker budget;
    private final Predicate<byte[]> alreadyTaken;
    private final List<AssembledEntry> entries = new ArrayList<>();
    private byte[] lastKept;

    PrefixTake(long effectiveBudget, Predicate<byte[]> alreadyTaken) {
        this.budget = new BudgetTracker(effectiveBudget);
        this.alreadyTaken = alreadyTaken;
    }

    /** For {@link RowAssembler}: collect an entry that fits, stop at the first that does not. */
    RowAssembler.Action decide(byte[] key, StoredMetadata metadata) {
        if (alreadyTaken.test(key)) {
            lastKept = key;
            return RowAssembler.Action.SKIP;
        }
        return budget.tryCharge(AssembledEntry.size(key, metadata))
                ? RowAssembler.Action.COLLECT
                : RowAssembler.Action.STOP;
    }

    /** For {@link RowAssembler}: an entry whose value is complete. */
    void taken(AssembledEntry entry) {
        entries.add(entry);
        lastKept = entry.key();
    }

    long remaining() {
        return budget.remaining();
    }

    long spent() {
        return budget.spent();
    }

    List<AssembledEntry> entries() {
        return entries;
    }

    /** The last key kept (taken or covered); null when none was. */
    byte[] lastKept() {
        return lastKept;
    }
}
