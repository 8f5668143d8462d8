package io.actorpreload.preload;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import java.util.Objects;
import java.util.Optional;

/**
 * What one preload produced: a status and, only when the status is {@code PRELOADED}, the
 * preloaded keys. A failed preload is a value, never an exception, so a stream thread never dies
 * of one. Immutable.
 */
public final class PreloadOutcome {
    private final PreloadStatus status;
    private final PreloadedKv preloadedKv;
    private final String failure;

    private PreloadOutcome(PreloadStatus status, PreloadedKv preloadedKv, String failure) {
        this.status = Objects.requireNonNull(status, "status");
        this.preloadedKv = preloadedKv;
        this.failure = failure;
    }

    /** A successful preload. */
    public static PreloadOutcome preloaded(PreloadedKv preloadedKv) {
        return new PreloadOutcome(PreloadStatus.PRELOADED, Objects.requireNonNull(preloadedKv, "preloadedKv"), null);
    }

    /** Preloading is switched off (a global or manifest budget of 0). */
    public static PreloadOutcome disabled() {
        return new PreloadOutcome(PreloadStatus.DISABLED, null, null);
    }

    /** The store failed or the deadline passed; {@code reason} says which and why. */
    public static PreloadOutcome storeError(String reason) {
        return new PreloadOutcome(PreloadStatus.STORE_ERROR, null, Objects.requireNonNull(reason, "reason"));
    }

    /** The actor type's manifest cannot be decoded or is invalid; {@code reason} says why. */
    public static PreloadOutcome invalidManifest(String reason) {
        return new PreloadOutcome(PreloadStatus.INVALID_MANIFEST, null, Objects.requireNonNull(reason, "reason"));
    }

    public PreloadStatus status() {
        return status;
    }

    /** The preloaded keys; present only when {@link #status()} is {@code PRELOADED}. */
    public Optional<PreloadedKv> preloadedKv() {
        return Optional.ofNullable(preloadedKv);
    }

    /** Why the preload failed; present only for {@code STORE_ERROR} and {@code INVALID_MANIFEST}. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "PreloadOutcome{status=" + status + (failure == null ? "" : ", failure=" + failure) + "}";
    }
}
