package io.actorpreload.runner;

import io.actorpreload.runner.internals.ByteKeys;
import io.actorpreload.schemas.ByteStrings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A fake of our own {@link KvClient}: a sorted map, logs of calls and reads, and a switch to fail writes. */
final class InMemoryKvClient implements KvClient {
    final TreeMap<byte[], KvEntry> store = new TreeMap<>(ByteKeys.ORDER);
    final List<String> calls = new ArrayList<>();
    /** Every key and prefix read, one line each: "batchGet 0x61", "listPrefix 0x70". */
    final List<String> reads = new ArrayList<>();

    final List<List<KvPut>> putBatches = new ArrayList<>();
    boolean failWrites;

    InMemoryKvClient with(KvEntry... entries) {
        for (KvEntry entry : entries) {
            store.put(entry.key(), entry);
        }
        return this;
    }

    @Override
    public List<KvEntry> batchGet(List<byte[]> keys) {
        calls.add("batchGet " + keys.stream().map(ByteStrings::hex).toList());
        keys.forEach(key -> reads.add("batchGet " + ByteStrings.hex(key)));
        List<KvEntry> found = new ArrayList<>();
        for (byte[] key : keys) {
            KvEntry entry = store.get(key);
            if (entry != null) {
                found.add(entry);
            }
        }
        return found;
    }

    @Override
    public List<KvEntry> listPrefix(byte[] prefix) {
        calls.add("listPrefix " + ByteStrings.hex(prefix));
        reads.add("listPrefix " + ByteStrings.hex(prefix));
        List<KvEntry> found = new ArrayList<>();
        for (Map.Entry<byte[], KvEntry> e : store.tailMap(prefix, true).entrySet()) {
            if (!ByteKeys.startsWith(e.getKey(), prefix)) {
                break;
            }
            found.add(e.getValue());
        }
        return found;
    }

    @Override
    public void batchPut(List<KvPut> puts) {
        calls.add("batchPut " + puts.size());
        if (failWrites) {
            throw new IllegalStateException("store unavailable");
        }
        putBatches.add(List.copyOf(puts));
        for (KvPut put : puts) {
            store.put(put.key(), new KvEntry(put.key(), put.value(), new ValueMetadata(new byte[] {1}, Instant.EPOCH)));
        }
    }

    @Override
    public void batchDelete(List<byte[]> keys) {
        calls.add("batchDelete " + keys.size());
        if (failWrites) {
            throw new IllegalStateException("store unavailable");
        }
        keys.forEach(store::remove);
    }
}
