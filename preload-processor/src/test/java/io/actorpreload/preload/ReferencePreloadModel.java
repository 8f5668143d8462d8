package io.actorpreload.preload;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadedKv;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain in-memory model of docs/ARCHITECTURE.md's preload rules 1-4, written as directly as possible so it
 * can be trusted: the expected {@link PreloadedKv} of one actor, with {@code readVersion} 0.
 * Compare with a real result through {@link #withoutReadVersion(PreloadedKv)}.
 *
 * <p>Like {@link Preloader}, it reads a manifest that breaks the validation rules defensively:
 * a repeated get-key or prefix counts once, a negative size as 0. Stateless and thread-safe.
 */
public final class ReferencePreloadModel {
    private ReferencePreloadModel() {}

    /**
     * The expected preload of an actor holding {@code actorKeys} (of two records with one key, the
     * later wins, as in a batch put).
     *
     * @param globalBudgetBytes more than 0 (a global budget of 0 means DISABLED: no PreloadedKv)
     */
    public static PreloadedKv expected(List<KvRecord> actorKeys, PreloadManifest manifest, long globalBudgetBytes) {
        if (globalBudgetBytes <= 0) {
            throw new IllegalArgumentException(
                    "globalBudgetBytes must be positive (0 means DISABLED). Got: " + globalBudgetBytes);
        }
        TreeMap<byte[], KvRecord> store = new TreeMap<>(Arrays::compareUnsigned);
        for (KvRecord record : actorKeys) {
            store.put(record.key(), record);
        }
        long budget = Math.max(0, Math.min(globalBudgetBytes, manifest.getMaxTotalBytes()));
        long remaining = budget;
        TreeMap<byte[], KvRecord> entries = new TreeMap<>(Arrays::compareUnsigned);
        TreeSet<byte[]> requestedGetKeys = new TreeSet<>(Arrays::compareUnsigned);
        TreeMap<byte[], PrefixPreload> requestedPrefixes = new TreeMap<>(Arrays::compareUnsigned);

        TreeSet<byte[]> seenKeys = new TreeSet<>(Arrays::compareUnsigned);
        for (ByteBuffer buffer : manifest.getGetKeys()) {
            byte[] key = bytes(buffer);
            if (!seenKeys.add(key)) {
                continue;
            }
            if (remaining <= 0) {
                break;
            }
            KvRecord record = store.get(key);
            if (record == null) {
                requestedGetKeys.add(key);
            } else if (record.preloadSize() <= remaining) {
                entries.put(key, record);
                requestedGetKeys.add(key);
                remaining -= record.preloadSize();
            }
        }

        TreeSet<byte[]> seenPrefixes = new TreeSet<>(Arrays::compareUnsigned);
        for (PrefixRequest request : manifest.getPrefixes()) {
            byte[] prefix = bytes(request.getPrefix());
            if (!seenPrefixes.add(prefix)) {
                continue;
            }
            long effective = Math.min(Math.max(0, request.getMaxBytes()), remaining);
            if (effective <= 0) {
                continue;
            }
            long spent = 0;
            List<KvRecord> taken = new ArrayList<>();
            byte[] lastKept = null;
            boolean overflowed = false;
            for (Map.Entry<byte[], KvRecord> stored : store.entrySet()) {
                byte[] key = stored.getKey();
                if (!startsWith(key, prefix)) {
                    continue;
                }
                if (entries.containsKey(key)) {
                    lastKept = key;
                } else if (spent + stored.getValue().preloadSize() <= effective) {
                    spent += stored.getValue().preloadSize();
                    taken.add(stored.getValue());
                    lastKept = key;
                } else {
                    overflowed = true;
                    break;
                }
            }
            if (overflowed && !request.getPartial()) {
                continue;
            }
            remaining -= spent;
            taken.forEach(record -> entries.put(record.key(), record));
            requestedPrefixes.put(
                    prefix,
                    new PrefixPreload(
                            ByteBuffer.wrap(prefix),
                            !overflowed,
                            overflowed && lastKept != null ? ByteBuffer.wrap(lastKept) : null));
        }

        List<PreloadEntry> entryList = new ArrayList<>();
        for (KvRecord record : entries.values()) {
            entryList.add(new PreloadEntry(
                    ByteBuffer.wrap(record.key()),
                    ByteBuffer.wrap(record.value()),
                    new KvMetadata(ByteBuffer.wrap(record.version()), record.updateTs())));
        }
        List<ByteBuffer> getKeys = new ArrayList<>();
        requestedGetKeys.forEach(key -> getKeys.add(ByteBuffer.wrap(key)));
        return new PreloadedKv(
                0L, entryList, getKeys, new ArrayList<>(requestedPrefixes.values()), budget - remaining, null);
    }

    /** A copy of {@code preloadedKv} with {@code readVersion} 0, to compare with {@link #expected}. */
    public static PreloadedKv withoutReadVersion(PreloadedKv preloadedKv) {
        return PreloadedKv.newBuilder(preloadedKv)
                .setReadVersion(0L)
                .setPreloadedAt(null)
                .build();
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
