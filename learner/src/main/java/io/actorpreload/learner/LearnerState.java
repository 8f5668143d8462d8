package io.actorpreload.learner;

import io.actorpreload.avro.PreloadManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the learner keeps per actor type: the samples of its most recent starts (oldest first), the
 * last manifest it learned for the type (null before the first) and how many starts it has seen
 * since. Immutable; every change returns a new state.
 */
public record LearnerState(List<StartSample> window, PreloadManifest lastLearned, int startsSincePublish) {
    public LearnerState {
        window = List.copyOf(Objects.requireNonNull(window, "window"));
    }

    /** The state of a type never seen. */
    public static LearnerState empty() {
        return new LearnerState(List.of(), null, 0);
    }

    /** This state with {@code sample} added, keeping only the {@code windowStarts} most recent starts. */
    public LearnerState withStart(StartSample sample, int windowStarts) {
        List<StartSample> next = new ArrayList<>(window.size() + 1);
        next.addAll(
                window.size() >= windowStarts
                        ? window.subList(window.size() - windowStarts + 1, window.size())
                        : window);
        next.add(sample);
        return new LearnerState(next, lastLearned, startsSincePublish + 1);
    }

    /** This state after {@code manifest} was published. */
    public LearnerState published(PreloadManifest manifest) {
        return new LearnerState(window, manifest, 0);
    }
}
