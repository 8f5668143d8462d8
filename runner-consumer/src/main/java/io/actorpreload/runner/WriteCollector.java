package io.actorpreload.runner;

import io.actorpreload.runner.internals.ByteKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Collects an actor's start-up writes and sends them in one batch put.
 *
 * <p>{@link #add} keeps the last value of each key; {@link #flush} sends everything collected in
 * one {@link KvClient#batchPut} and forgets it only when the put succeeded: a failed put keeps
 * every entry for the next flush. Flushing nothing makes no call. Give it the actor's
 * {@link ActorKvView} as client so the view sees the writes. Not thread-safe.
 */
public final class WriteCollector {
    private final KvClient client;
    private final TreeMap<byte[], byte[]> pending = new TreeMap<>(ByteKeys.ORDER);

    public WriteCollector(KvClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Collects a write of {@code value} to {@code key}, replacing an earlier one of the same key. */
    public void add(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        pending.put(key.clone(), value.clone());
    }

    /** Number of distinct keys waiting for {@link #flush}. */
    public int size() {
        return pending.size();
    }

    /**
     * Sends every collected write in one batch put, in key order, then forgets them. Does nothing
     * when there is nothing to send.
     *
     * @throws RuntimeException whatever the client threw; the writes are then kept
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<KvPut> puts = new ArrayList<>(pending.size());
        for (Map.Entry<byte[], byte[]> entry : pending.entrySet()) {
            puts.add(new KvPut(entry.getKey(), entry.getValue()));
        }
        client.batchPut(puts);
        pending.clear();
    }
}
