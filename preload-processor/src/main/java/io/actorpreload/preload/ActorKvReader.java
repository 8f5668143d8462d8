package io.actorpreload.preload;

import io.actorpreload.preload.internal.EntryReads;
import io.actorpreload.preload.store.PreloadStore;
import java.time.Instant;
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
                .thenApply(found -> found.map(e -> new KvRecord(e.key(), e.value(), e.metadata().version(),
                        Instant.ofEpochMilli(e.metadata().updateTsMillis()))));
    }

    /** Blocking {@link #getAsync}. */
    public Optional<KvRecord> get(String actorId, byte[] key) {
        CompletableFuture<Optional<KvRecord>> future = getAsync(actorId, key);
        ActorKvWriter.await(future);
        return future.join();
    }
}
