package io.actorpreload.preload.internals;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A manifest turned into plain byte arrays, ready to run: get-keys in manifest order, prefixes in
 * priority order. A manifest that slipped past validation is read defensively: a repeated get-key
 * or prefix counts once (its first occurrence), a negative size counts as 0. Immutable.
 *
 * @param budget min(global budget, manifest budget), at least 0
 */
public record PreloadPlan(List<byte[]> getKeys, List<Prefix> prefixes, long budget) {

    /** One prefix request. */
    public record Prefix(byte[] prefix, long maxBytes, boolean partial) {}

    public PreloadPlan {
        getKeys = List.copyOf(getKeys);
        prefixes = List.copyOf(prefixes);
    }

    /** The plan of {@code manifest} under a global budget. */
    public static PreloadPlan of(PreloadManifest manifest, long globalBudgetBytes) {
        Objects.requireNonNull(manifest, "manifest");
        List<byte[]> getKeys = new ArrayList<>();
        TreeSet<byte[]> seenKeys = new TreeSet<>(Arrays::compareUnsigned);
        for (ByteBuffer key : orEmpty(manifest.getGetKeys())) {
            byte[] bytes = ByteStrings.toArray(key);
            if (seenKeys.add(bytes)) {
                getKeys.add(bytes);
            }
        }
        List<Prefix> prefixes = new ArrayList<>();
        TreeSet<byte[]> seenPrefixes = new TreeSet<>(Arrays::compareUnsigned);
        for (PrefixRequest request : orEmpty(manifest.getPrefixes())) {
            byte[] prefix = ByteStrings.toArray(request.getPrefix());
            if (seenPrefixes.add(prefix)) {
                prefixes.add(new Prefix(prefix, Math.max(0, request.getMaxBytes()), request.getPartial()));
            }
        }
        long budget = Math.max(0, Math.min(globalBudgetBytes, manifest.getMaxTotalBytes()));
        return new PreloadPlan(getKeys, prefixes, budget);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? Collections.emptyList() : list;
    }
}
