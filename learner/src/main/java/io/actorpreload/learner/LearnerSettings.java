package io.actorpreload.learner;

/**
 * How the {@link ManifestLearner} decides; immutable, checked on construction.
 *
 * @param windowStarts   how many of a type's most recent starts are counted
 * @param minStarts      starts a type needs in its window before its first manifest, and new starts
 *                       needed after a publication before the next (no flapping)
 * @param keyShare       a key or prefix enters the manifest when read in at least this share of the
 *                       window's starts
 * @param hysteresis     one already in the learned manifest leaves only below
 *                       {@code keyShare * (1 - hysteresis)}
 * @param budgetBytes    the global preload budget: a learned manifest's {@code maxTotalBytes}, and
 *                       the sum of what it asks never exceeds it
 * @param prefixHeadroom a prefix asks for this factor over the most it returned, rounded up to a
 *                       power of two (so growth and small changes do not republish)
 */
public record LearnerSettings(
        int windowStarts, int minStarts, double keyShare, double hysteresis, long budgetBytes, double prefixHeadroom) {
    public LearnerSettings {
        if (windowStarts < 1) {
            throw new IllegalArgumentException("windowStarts must be at least 1. Got: " + windowStarts);
        }
        if (minStarts < 1 || minStarts > windowStarts) {
            throw new IllegalArgumentException(
                    "minStarts must be between 1 and windowStarts (" + windowStarts + "). Got: " + minStarts);
        }
        if (!(keyShare > 0 && keyShare <= 1)) {
            throw new IllegalArgumentException("keyShare must be in (0, 1]. Got: " + keyShare);
        }
        if (!(hysteresis >= 0 && hysteresis < 1)) {
            throw new IllegalArgumentException("hysteresis must be in [0, 1). Got: " + hysteresis);
        }
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budgetBytes may not be negative. Got: " + budgetBytes);
        }
        if (!(prefixHeadroom >= 1)) {
            throw new IllegalArgumentException("prefixHeadroom must be at least 1. Got: " + prefixHeadroom);
        }
    }

    /** The defaults: 100 starts, 20 to begin, a share of 0.5 with 0.2 hysteresis, 1 MiB, headroom 1.25. */
    public static LearnerSettings defaults() {
        return new LearnerSettings(100, 20, 0.5, 0.2, 1024 * 1024, 1.25);
    }
}
