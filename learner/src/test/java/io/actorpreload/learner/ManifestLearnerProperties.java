package io.actorpreload.learner;

import static io.actorpreload.learner.Samples.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random runs of {@link ManifestLearner}, one seed per try (jqwik reports the seed, so a failure replays):
 * every manifest it publishes is valid, within the budget counting every get-key at the most it
 * returned in the window, versioned one up from the last; and over a declared manifest it publishes nothing.
 */
class ManifestLearnerProperties {

    @Property(tries = 40)
    void shouldPublishOnlyValidManifestsWithinTheBudget(@ForAll long seed) {
        Random random = new Random(seed);
        LearnerSettings settings = new LearnerSettings(
                1 + random.nextInt(100),
                1,
                0.05 + random.nextDouble() * 0.9,
                random.nextDouble() * 0.5,
                random.nextInt(200_000),
                1 + random.nextDouble());
        settings = new LearnerSettings(
                settings.windowStarts(),
                1 + random.nextInt(settings.windowStarts()),
                settings.keyShare(),
                settings.hysteresis(),
                settings.budgetBytes(),
                settings.prefixHeadroom());
        ManifestLearner learner = new ManifestLearner(settings);
        LearnerState state = LearnerState.empty();
        long lastVersion = 0;
        for (int i = 0; i < 1_000; i++) {
            Samples sample = start();
            for (int k = 0; k < 12; k++) {
                if (random.nextDouble() < k / 12.0) {
                    long bytes = random.nextInt(1 + random.nextInt(60_000));
                    if (k % 3 == 0) {
                        sample.list("p" + k + "/", bytes);
                    } else {
                        sample.get("k" + k, bytes);
                    }
                }
            }
            ManifestLearner.Decision decision = learner.onStart("t", state, sample.sample(), state.lastLearned());
            state = decision.state();
            if (decision.publish().isPresent()) {
                PreloadManifest manifest = decision.publish().get();
                ManifestValidation.validate(manifest, settings.budgetBytes());
                assertThat(manifest.getMaxTotalBytes()).isEqualTo(settings.budgetBytes());
                long asked = manifest.getPrefixes().stream()
                        .mapToLong(PrefixRequest::getMaxBytes)
                        .sum();
                // A get-key costs the most it returned in the window.
                LearnerState now = state;
                asked += manifest.getGetKeys().stream()
                        .mapToLong(k -> now.window().stream()
                                .mapToLong(w -> w.gets().getOrDefault(ByteKey.of(k), 0L))
                                .max()
                                .orElse(0))
                        .sum();
                assertThat(asked).isLessThanOrEqualTo(settings.budgetBytes());
                assertThat(manifest.getLearnedVersion()).isEqualTo(lastVersion + 1);
                assertThat(manifest.getLearn()).isTrue();
                lastVersion = manifest.getLearnedVersion();
            }
            PreloadManifest declared = PreloadManifest.newBuilder()
                    .setActorName("t")
                    .setGetKeys(java.util.List.of())
                    .setPrefixes(java.util.List.of())
                    .setMaxTotalBytes(0)
                    .build();
            assertThat(learner.onStart("t", state, sample.sample(), declared).publish())
                    .isEmpty();
        }
    }
}
