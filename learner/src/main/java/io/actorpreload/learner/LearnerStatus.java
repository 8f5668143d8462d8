package io.actorpreload.learner;

import io.actorpreload.avro.PreloadManifest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The learner's view per actor type ({@link ActorTypeLearning}), updated by its stream threads
 * after every report and read by anyone (metrics, the demo). Thread-safe; one entry per type seen
 * by this instance.
 */
public final class LearnerStatus {
    private final Map<String, ActorTypeLearning> byType = new ConcurrentHashMap<>();
    private final Consumer<String> onNewType;

    /** A status that tells nobody of new types. */
    public LearnerStatus() {
        this(type -> {});
    }

    /** A status that tells {@code onNewType} of each actor type the first time it is updated (e.g. to register its metrics). */
    public LearnerStatus(Consumer<String> onNewType) {
        this.onNewType = Objects.requireNonNull(onNewType, "onNewType");
    }

    /** Records the state after a report of {@code actorName}, with the manifest in force then. */
    public void update(String actorName, LearnerState state, PreloadManifest inForce) {
        int n = state.window().size();
        double roundTrips = state.window().stream()
                .mapToInt(StartSample::readRoundTrips)
                .average()
                .orElse(0);
        double preloaded = state.window().stream()
                .mapToLong(StartSample::preloadedBytes)
                .average()
                .orElse(0);
        double unused = state.window().stream()
                .mapToLong(StartSample::unusedBytes)
                .average()
                .orElse(0);
        String origin = inForce == null
                ? "none"
                : inForce.getLearnedVersion() != null
                        ? "learned"
                        : Boolean.TRUE.equals(inForce.getLearn()) ? "declared-learn" : "declared";
        long inForceVersion = inForce == null || inForce.getLearnedVersion() == null ? 0 : inForce.getLearnedVersion();
        long published = state.lastLearned() == null ? 0 : state.lastLearned().getLearnedVersion();
        boolean isNew = !byType.containsKey(actorName);
        byType.merge(
                actorName,
                new ActorTypeLearning(1, n, roundTrips, preloaded, unused, origin, inForceVersion, published),
                (old, now) -> new ActorTypeLearning(
                        old.startsSeen() + 1,
                        now.windowStarts(),
                        now.roundTripsPerStart(),
                        now.preloadedBytesPerStart(),
                        now.unusedBytesPerStart(),
                        now.origin(),
                        now.versionInForce(),
                        now.lastPublished()));
        if (isNew) {
            onNewType.accept(actorName);
        }
    }

    /** What this instance has seen of {@code actorType}; empty for a type it has not. */
    public Optional<ActorTypeLearning> of(String actorType) {
        return Optional.ofNullable(byType.get(actorType));
    }

    /** A snapshot, sorted by actor type. */
    public Map<String, ActorTypeLearning> snapshot() {
        return new TreeMap<>(byType);
    }
}
