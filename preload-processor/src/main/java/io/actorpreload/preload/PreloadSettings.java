package io.actorpreload.preload;

import io.actorpreload.schemas.manifest.ManifestValidation;
import java.time.Duration;

/**
 * The global limits of every preload: the byte budget (a manifest may ask less, never more) and
 * the deadline of one snapshot read. Immutable.
 *
 * @param globalBudgetBytes at most this many bytes per preload; 0 disables preloading
 * @param deadline how long one preload may read before it gives up with a store error
 */
public record PreloadSettings(long globalBudgetBytes, Duration deadline) {
    /** Default deadline of one preload. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);

    public PreloadSettings {
        if (globalBudgetBytes < 0) {
            throw new IllegalArgumentException("globalBudgetBytes may not be negative. Got: " + globalBudgetBytes);
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive. Got: " + deadline);
        }
    }

    /** The defaults: 1 MiB, 2 seconds. */
    public static PreloadSettings defaults() {
        return new PreloadSettings(ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES, DEFAULT_DEADLINE);
    }
}
