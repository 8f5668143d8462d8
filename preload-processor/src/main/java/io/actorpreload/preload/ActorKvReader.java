package io.actorpreload.preload;

import io.actorpreload.preload.internals.AssembledEntry;
import io.actorpreload.preload.internals.EntryReads;
import io.actorpreload.preload.store.PreloadStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads one user key at a time from the latest committed state (no shared snapshot): what a KV
 * client does without a preload. Each read is consistent on its own (one range read of the key's
 * rows). Thread-safe.
 */
public final class ActorKvReader {
    private final PreloadStore store;

    public ActorKvReader(PreloadStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The key with its value and metadata, or empty when it does not exist. Completes
     * exceptionally with {@code CorruptDataException} or {@code StoreException}.
     */
    public CompletableFuture<Optional<KvRecord>> getAsync(String actorId, byte[] key) {
        return EntryReads.readOne(store.layout(), store.latest(), actorId, key)
                .thenApply(found -> found.map(ActorKvReader::record));
    }

    /** Blocking {@link #getAsync}. */
    public Optional<KvRecord> get(String actorId, byte[] key) {
        CompletableFuture<Optional<KvRecord>> future = getAsync(actorId, key);
        ActorKvWriter.await(future);
        return future.join();
    }

    /**
     * Every key of {@code actorId} that starts with {@code prefix}, in unsigned key order, read in
     * one range read (no size bound: a listing for a KV client, not a budgeted preload). Completes
     * exceptionally like {@link #getAsync}.
     */
    public CompletableFuture<List<KvRecord>> listAsync(String actorId, byte[] prefix) {
        return EntryReads.readPrefix(store.layout(), store.latest(), actorId, prefix)
                .thenApply(
                        entries -> entries.stream().map(ActorKvReader::record).toList());
    }

    /** Blocking {@link #listAsync}. */
    public List<KvRecord> list(String actorId, byte[] prefix) {
        CompletableFuture<List<KvRecord>> future = listAsync(actorId, prefix);
        ActorKvWriter.await(future);
        return future.join();
    }

    private static KvRecord record(AssembledEntry entry) {
        return new KvRecord(
                entry.key(),
                entry.value(),
                entry.metadata().version(),
                Instant.ofEpochMilli(entry.metadata().updateTsMillis()));
    }
}
