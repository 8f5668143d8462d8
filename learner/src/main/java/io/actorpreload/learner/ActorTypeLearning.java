package io.actorpreload.learner;

/**
 * What the learner knows of one actor type, for metrics ({@link LearnerStatus}): starts it saw (since
 * this instance started), and over the current window the mean KV round trips of a start's reads,
 * bytes preloaded and bytes preloaded but never read; the manifest in force (its origin and learned
 * version) and the last version this learner published. Immutable.
 *
 * @param origin         {@code none}, {@code declared} (learning not allowed), {@code declared-learn} or {@code learned}
 * @param versionInForce the learned version on the manifest topic, 0 when the manifest in force is not learned
 * @param lastPublished  the last version this learner published for the type, 0 for none
 */
public record ActorTypeLearning(
        long startsSeen,
        int windowStarts,
        double roundTripsPerStart,
        double preloadedBytesPerStart,
        double unusedBytesPerStart,
        String origin,
        long versionInForce,
        long lastPublished) {}
