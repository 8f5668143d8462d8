package io.actorpreload.schemas.manifest;

import io.actorpreload.avro.PreloadManifest;

/**
 * The rules every {@link PreloadManifest} must satisfy, checked where manifests are published and
 * where they are read. TODO issue 3: no negative or over-budget sizes, no duplicate keys or prefixes.
 */
public final class ManifestValidation {
    private ManifestValidation() {
    }

    /**
     * Checks {@code manifest} against the rules and the global budget.
     *
     * @throws InvalidManifestException naming the offending field and value
     */
    public static void validate(PreloadManifest manifest, long globalBudgetBytes) {
        throw new UnsupportedOperationException("TODO issue 3");
    }
}
