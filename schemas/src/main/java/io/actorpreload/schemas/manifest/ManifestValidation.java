package io.actorpreload.schemas.manifest;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.ByteStrings;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules every {@link PreloadManifest} must satisfy, checked where manifests are published and
 * where they are read: a non-empty actor name; no negative size; a total budget within the global
 * budget (a manifest may ask less, never more); no null, duplicate get-key or prefix. The publisher
 * checks the budget it knows; the topology validates with no budget limit ({@code Long.MAX_VALUE})
 * and clamps a manifest above its own global budget instead (docs/ARCHITECTURE.md, "The preload"),
 * since the budget may have been lowered after the manifest was published. Stateless and thread-safe.
 */
public final class ManifestValidation {
    /** docs/ARCHITECTURE.md's default global preload budget (Rivet's): 1 MiB. A manifest may ask less, never more. */
    public static final long DEFAULT_GLOBAL_BUDGET_BYTES = 1024 * 1024;

    private ManifestValidation() {}

    /**
     * Checks {@code manifest} against the rules and the global budget.
     *
     * @throws InvalidManifestException naming the offending field and value, e.g.
     *     {@code "prefixes[2].maxBytes may not be negative. Got: -1"}
     * @throws IllegalArgumentException when {@code globalBudgetBytes} is negative
     */
    public static void validate(PreloadManifest manifest, long globalBudgetBytes) {
        if (globalBudgetBytes < 0) {
            throw new IllegalArgumentException("globalBudgetBytes may not be negative. Got: " + globalBudgetBytes);
        }
        if (manifest == null) {
            throw new InvalidManifestException("The manifest may not be null");
        }
        String actorName =
                manifest.getActorName() == null ? null : manifest.getActorName().toString();
        if (actorName == null || actorName.isEmpty()) {
            throw new InvalidManifestException(
                    "actorName may not be empty. Got: " + (actorName == null ? "null" : "\"\""));
        }
        long maxTotalBytes = manifest.getMaxTotalBytes();
        if (maxTotalBytes < 0) {
            throw new InvalidManifestException("maxTotalBytes may not be negative. Got: " + maxTotalBytes);
        }
        if (maxTotalBytes > globalBudgetBytes) {
            throw new InvalidManifestException("maxTotalBytes may not exceed the global budget of " + globalBudgetBytes
                    + " bytes. Got: " + maxTotalBytes);
        }
        checkGetKeys(manifest.getGetKeys());
        checkPrefixes(manifest.getPrefixes());
    }

    private static void checkGetKeys(List<ByteBuffer> getKeys) {
        if (getKeys == null) {
            throw new InvalidManifestException("getKeys may not be null");
        }
        Map<ByteBuffer, Integer> seen = new HashMap<>();
        for (int i = 0; i < getKeys.size(); i++) {
            ByteBuffer key = getKeys.get(i);
            if (key == null) {
                throw new InvalidManifestException("getKeys[" + i + "] may not be null");
            }
            Integer first = seen.putIfAbsent(key.duplicate(), i);
            if (first != null) {
                throw new InvalidManifestException(
                        "getKeys[" + i + "] duplicates getKeys[" + first + "]. Got: " + ByteStrings.hex(key));
            }
        }
    }

    private static void checkPrefixes(List<PrefixRequest> prefixes) {
        if (prefixes == null) {
            throw new InvalidManifestException("prefixes may not be null");
        }
        Map<ByteBuffer, Integer> seen = new HashMap<>();
        for (int i = 0; i < prefixes.size(); i++) {
            PrefixRequest request = prefixes.get(i);
            if (request == null || request.getPrefix() == null) {
                throw new InvalidManifestException(
                        "prefixes[" + i + "]" + (request == null ? "" : ".prefix") + " may not be null");
            }
            if (request.getMaxBytes() < 0) {
                throw new InvalidManifestException(
                        "prefixes[" + i + "].maxBytes may not be negative. Got: " + request.getMaxBytes());
            }
            Integer first = seen.putIfAbsent(request.getPrefix().duplicate(), i);
            if (first != null) {
                throw new InvalidManifestException("prefixes[" + i + "].prefix duplicates prefixes[" + first
                        + "].prefix. Got: " + ByteStrings.hex(request.getPrefix()));
            }
        }
    }
}
