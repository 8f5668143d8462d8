package io.actorpreload.preload;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.layout.KeyRange;
import io.actorpreload.preload.layout.StoredMetadata;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes actors' user keys in {@link KeyLayout}'s layout, one atomic batch per call: used to seed
 * actors and by runners' KV clients. A put replaces every row of the key (old chunks included)
 * with the new metadata row and chunks; a delete removes every row of the key.
 *
 * <p>Limits (checked before anything is written; FoundationDB's transaction limits drive them):
 * a key at most {@value #MAX_KEY_BYTES} bytes, a value at most {@value #MAX_VALUE_BYTES} bytes
 * (1 MiB, as the default preload budget), a version at most {@value #MAX_VERSION_BYTES} bytes,
 * one batch at most {@value #MAX_BATCH_BYTES} bytes of keys, values and versions.
 *
 * <p>Thread-safe. The blocking methods throw {@link StoreException} when the store fails.
 */
public final class ActorKvWriter {
    public static final int MAX_KEY_BYTES = 2048;
    public static final int MAX_VALUE_BYTES = 1024 * 1024;
    public static final int MAX_VERSION_BYTES = 1024;
    public static final int MAX_BATCH_BYTES = 8 * 1024 * 1024;
    /** Default deadline of one write. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final PreloadStore store;
    private final KeyLayout layout;
    private final Duration timeout;

    /** A writer with {@link #DEFAULT_TIMEOUT}. */
    public ActorKvWriter(PreloadStore store) {
        this(store, DEFAULT_TIMEOUT);
    }

    public ActorKvWriter(PreloadStore store, Duration timeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.layout = store.layout();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Puts {@code records} for {@code actorId} in one atomic batch; of two records with the same
     * key, the later wins.
     *
     * @throws IllegalArgumentException when a record breaks a limit (nothing is written)
     */
    public CompletableFuture<Void> putAsync(String actorId, List<KvRecord> records) {
        Objects.requireNonNull(actorId, "actorId");
        checkLimits(records);
        List<Mutation> mutations = new ArrayList<>();
        for (KvRecord record : records) {
            KeyRange rows = layout.userKeyRows(actorId, record.key());
            mutations.add(new Mutation.ClearRange(rows.begin(), rows.end()));
            StoredMetadata metadata =
                    new StoredMetadata(record.version(), record.updateTs().toEpochMilli(), record.value().length);
            mutations.add(new Mutation.Set(layout.metadataKey(actorId, record.key()), layout.encodeMetadata(metadata)));
            for (int chunk = 0; chunk < KeyLayout.chunkCount(record.value().length); chunk++) {
                int from = chunk * KeyLayout.CHUNK_SIZE_BYTES;
                int to = Math.min(record.value().length, from + KeyLayout.CHUNK_SIZE_BYTES);
                mutations.add(new Mutation.Set(
                        layout.chunkKey(actorId, record.key(), chunk), Arrays.copyOfRange(record.value(), from, to)));
            }
        }
        return store.write(mutations, deadline());
    }

    /** Blocking {@link #putAsync}. */
    public void put(String actorId, List<KvRecord> records) {
        await(putAsync(actorId, records));
    }

    /** Deletes {@code keys} of {@code actorId} in one atomic batch; a missing key is no error. */
    public CompletableFuture<Void> deleteAsync(String actorId, List<byte[]> keys) {
        Objects.requireNonNull(actorId, "actorId");
        List<Mutation> mutations = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            KeyRange rows = layout.userKeyRows(actorId, key);
            mutations.add(new Mutation.ClearRange(rows.begin(), rows.end()));
        }
        return store.write(mutations, deadline());
    }

    /** Blocking {@link #deleteAsync}. */
    public void delete(String actorId, List<byte[]> keys) {
        await(deleteAsync(actorId, keys));
    }

    /** Deletes every key of {@code actorId} (and only of it). Blocking. */
    public void deleteActor(String actorId) {
        KeyRange rows = layout.actorRange(actorId);
        await(store.write(List.of(new Mutation.ClearRange(rows.begin(), rows.end())), deadline()));
    }

    private Instant deadline() {
        return Instant.now().plus(timeout);
    }

    private static void checkLimits(List<KvRecord> records) {
        long batchBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            KvRecord record = Objects.requireNonNull(records.get(i), "records[" + i + "]");
            check(record.key().length <= MAX_KEY_BYTES, i, "key", record.key().length, MAX_KEY_BYTES, record.key());
            check(
                    record.value().length <= MAX_VALUE_BYTES,
                    i,
                    "value",
                    record.value().length,
                    MAX_VALUE_BYTES,
                    record.key());
            check(
                    record.version().length <= MAX_VERSION_BYTES,
                    i,
                    "version",
                    record.version().length,
                    MAX_VERSION_BYTES,
                    record.key());
            batchBytes += record.key().length + record.value().length + record.version().length;
        }
        if (batchBytes > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("A batch may hold at most " + MAX_BATCH_BYTES
                    + " bytes of keys, values and versions. Got: " + batchBytes + ". Split it into smaller batches.");
        }
    }

    private static void check(boolean ok, int index, String field, int length, int max, byte[] key) {
        if (!ok) {
            throw new IllegalArgumentException("records[" + index + "]." + field + " may hold at most " + max
                    + " bytes. Got: " + length + " bytes (key "
                    + ByteArrayUtil.printable(Arrays.copyOf(key, Math.min(key.length, 64))) + ")");
        }
    }

    static void await(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException storeException) {
                throw storeException;
            }
            throw new StoreException("Store operation failed: " + e.getCause(), e.getCause());
        }
    }
}
