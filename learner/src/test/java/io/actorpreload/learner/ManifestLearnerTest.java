package io.actorpreload.learner;

import static io.actorpreload.learner.Samples.buffer;
import static io.actorpreload.learner.Samples.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The derivation and the publication rules of {@link ManifestLearner}, start by start. */
class ManifestLearnerTest {
    private static final LearnerSettings SETTINGS = new LearnerSettings(100, 20, 0.5, 0.2, 64 * 1024, 1.25);
    private final ManifestLearner learner = new ManifestLearner(SETTINGS);

    /** Feeds {@code starts} samples; returns every manifest published, in order, and the final state. */
    private Run feed(LearnerState from, int starts, IntFunction<StartSample> sample, PreloadManifest inForce) {
        LearnerState state = from;
        List<PreloadManifest> published = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            ManifestLearner.Decision decision = learner.onStart("chat", state, sample.apply(i), inForce);
            state = decision.state();
            decision.publish().ifPresent(published::add);
            reasons.add(decision.reason());
        }
        return new Run(state, published, reasons);
    }

    private record Run(LearnerState state, List<PreloadManifest> published, List<String> reasons) {
        PreloadManifest last() {
            return published.get(published.size() - 1);
        }
    }

    private static StartSample typical(int i) {
        return start().get("A", 100).get("B", 40).list("P/", 3000).sample();
    }

    @Test
    void shouldLearnTheKeysAndThePrefixEveryStartReads() {
        Run run = feed(LearnerState.empty(), 20, ManifestLearnerTest::typical, null);

        assertThat(run.published()).hasSize(1);
        PreloadManifest manifest = run.last();
        assertThat(manifest.getActorName()).isEqualTo("chat");
        assertThat(manifest.getGetKeys()).containsExactlyInAnyOrder(buffer("A"), buffer("B"));
        assertThat(manifest.getPrefixes()).containsExactly(new PrefixRequest(buffer("P/"), 4096L, false));
        assertThat(manifest.getLearnedVersion()).isEqualTo(1);
        assertThat(manifest.getLearn()).isTrue();
        assertThat(manifest.getMaxTotalBytes()).isEqualTo(SETTINGS.budgetBytes());
    }

    @Test
    void shouldPublishNothingBeforeTheMinimumNumberOfStarts() {
        Run run = feed(LearnerState.empty(), 19, ManifestLearnerTest::typical, null);

        assertThat(run.published()).isEmpty();
        assertThat(run.reasons()).containsOnly("warming-up");
    }

    @Test
    void shouldLeaveOutAKeyReadByOnePercentOfStarts() {
        Run run = feed(
                LearnerState.empty(),
                100,
                i -> i == 50
                        ? start().get("A", 100).get("rare", 10).sample()
                        : start().get("A", 100).sample(),
                null);

        assertThat(run.last().getGetKeys()).containsExactly(buffer("A"));
    }

    @Test
    void shouldOrderByRoundTripsSavedPerByteAndStayWithinTheBudget() {
        // Budget 64 KiB: the small key and the small prefix first; the big prefix gets what is left, partially.
        Run run = feed(
                LearnerState.empty(),
                20,
                i -> start().get("small", 50)
                        .get("huge", 70_000)
                        .list("big/", 200_000)
                        .list("tiny/", 500)
                        .sample(),
                null);

        PreloadManifest manifest = run.last();
        assertThat(manifest.getGetKeys()).containsExactly(buffer("small"));
        assertThat(manifest.getPrefixes())
                .containsExactly(
                        new PrefixRequest(buffer("tiny/"), 1024L, false),
                        new PrefixRequest(buffer("big/"), 64 * 1024L - 50 - 1024, true));
        assertThat(50 + 1024 + manifest.getPrefixes().get(1).getMaxBytes()).isEqualTo(SETTINGS.budgetBytes());
        ManifestValidation.validate(manifest, SETTINGS.budgetBytes());
    }

    @Test
    void shouldNeverPublishOverADeclaredManifestNotMarkedLearn() {
        PreloadManifest declared = PreloadManifest.newBuilder()
                .setActorName("chat")
                .setGetKeys(List.of(buffer("X")))
                .setPrefixes(List.of())
                .setMaxTotalBytes(1024)
                .build();

        Run run = feed(LearnerState.empty(), 200, ManifestLearnerTest::typical, declared);

        assertThat(run.published()).isEmpty();
        assertThat(run.reasons()).containsOnly("declared");
    }

    @Test
    void shouldReplaceADeclaredManifestMarkedLearn() {
        PreloadManifest declared = PreloadManifest.newBuilder()
                .setActorName("chat")
                .setGetKeys(List.of(buffer("X")))
                .setPrefixes(List.of())
                .setMaxTotalBytes(1024)
                .setLearn(true)
                .build();

        Run run = feed(LearnerState.empty(), 20, ManifestLearnerTest::typical, declared);

        assertThat(run.published()).hasSize(1);
        assertThat(run.last().getGetKeys()).containsExactlyInAnyOrder(buffer("A"), buffer("B"));
    }

    @Test
    void shouldNotRepublishWhileNothingChangesMaterially() {
        // Sizes wander inside one power-of-two bucket: not a material change.
        Run run = feed(
                LearnerState.empty(),
                500,
                i -> start().get("A", 100 + i % 7)
                        .get("B", 40)
                        .list("P/", 2000 + (i % 10) * 100)
                        .sample(),
                null);

        assertThat(run.published()).hasSize(1);
    }

    @Test
    void shouldKeepAKeyWhoseShareWandersJustBelowTheThresholdWithinTheHysteresis() {
        Run first = feed(
                LearnerState.empty(),
                100,
                i -> i % 10 < 6
                        ? start().get("A", 100).get("S", 10).sample()
                        : start().get("A", 100).sample(),
                null);
        assertThat(first.last().getGetKeys()).containsExactlyInAnyOrder(buffer("A"), buffer("S"));

        // S now read by 45% of starts: below 0.5, above 0.5 * (1 - 0.2) = 0.4. It stays; nothing is republished.
        Run wandering = feed(
                first.state(),
                300,
                i -> spread(0.45, i)
                        ? start().get("A", 100).get("S", 10).sample()
                        : start().get("A", 100).sample(),
                null);
        assertThat(wandering.published()).isEmpty();

        // At 30% it goes.
        Run gone = feed(
                wandering.state(),
                300,
                i -> spread(0.3, i)
                        ? start().get("A", 100).get("S", 10).sample()
                        : start().get("A", 100).sample(),
                null);
        assertThat(gone.published()).isNotEmpty();
        assertThat(gone.last().getGetKeys()).containsExactly(buffer("A"));
        assertThat(gone.last().getLearnedVersion()).isEqualTo(2);
    }

    @Test
    void shouldNotAddAKeyBelowTheThresholdThatWasNeverIn() {
        Run run = feed(
                LearnerState.empty(),
                300,
                i -> spread(0.45, i)
                        ? start().get("A", 100).get("S", 10).sample()
                        : start().get("A", 100).sample(),
                null);

        assertThat(run.published()).hasSize(1);
        assertThat(run.last().getGetKeys()).containsExactly(buffer("A"));
    }

    @Test
    void shouldWaitMinStartsAfterAPublicationBeforeTheNext() {
        Run first = feed(LearnerState.empty(), 20, ManifestLearnerTest::typical, null);
        Run changed = feed(
                first.state(),
                19,
                i -> start().get("A", 100)
                        .get("B", 40)
                        .get("C", 5)
                        .list("P/", 3000)
                        .sample(),
                first.last());

        assertThat(changed.published()).isEmpty();
        assertThat(changed.reasons()).containsOnly("settling");
    }

    @Test
    void shouldContinueTheVersionOfALearnedManifestInForceAfterLosingItsState() {
        PreloadManifest inForce = PreloadManifest.newBuilder()
                .setActorName("chat")
                .setGetKeys(List.of(buffer("old")))
                .setPrefixes(List.of())
                .setMaxTotalBytes(SETTINGS.budgetBytes())
                .setLearnedVersion(7L)
                .setLearn(true)
                .build();

        Run run = feed(LearnerState.empty(), 20, ManifestLearnerTest::typical, inForce);

        assertThat(run.last().getLearnedVersion()).isEqualTo(8);
    }

    @Test
    void shouldCountOnlyTheMostRecentWindowOfStarts() {
        Run old = feed(LearnerState.empty(), 100, i -> start().get("old", 10).sample(), null);
        Run now = feed(old.state(), 100, i -> start().get("new", 10).sample(), null);

        assertThat(now.state().window()).hasSize(100);
        assertThat(now.last().getGetKeys()).containsExactly(buffer("new"));
    }

    @Test
    void shouldPublishNothingForATypeThatReadsNothingAtStartUp() {
        Run run = feed(LearnerState.empty(), 50, i -> start().sample(), null);

        assertThat(run.published()).isEmpty();
    }

    /** True for an even spread of {@code share} of the starts: every prefix of the run holds at most that share. */
    private static boolean spread(double share, int i) {
        return Math.floor((i + 1) * share) > Math.floor(i * share);
    }
}
