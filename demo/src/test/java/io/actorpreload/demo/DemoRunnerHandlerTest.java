package io.actorpreload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.testkit.StartupDriver;
import io.actorpreload.testkit.StartupResult;
import io.actorpreload.testkit.TestKvStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The demo runner's start-up of each kind of actor, through the runner test kit: the preload the
 * project's rules give the kind, the reads the preload must and must not answer, and the handler's
 * own checks (which must pass on right answers and fail on wrong ones).
 */
class DemoRunnerHandlerTest {
    private static final String ACTOR = "actor-1";

    private final TestKvStore store = new TestKvStore();
    private final DemoTally tally = new DemoTally();

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @EnumSource(ActorKind.class)
    void shouldStartEachKindWithItsStatusAndRoundTripsAndRightAnswers(ActorKind kind) throws Exception {
        StartActorCommand command = seedAndCommand(kind);
        DemoRunnerHandler handler = handlerExpectingTheStoreNow(kind);

        StartupResult result = StartupDriver.run(handler, command, store.kvClients());

        assertThat(result.preloadStatus()).isEqualTo(kind.expectedStatus());
        assertThat(result.kvRoundTrips()).isEqualTo(kind.expectedRoundTrips());
        DemoTally.Snapshot snapshot = tally.snapshot();
        assertThat(snapshot.mismatches()).isEmpty();
        assertThat(snapshot.actorsStarted()).isEqualTo(1);
        assertThat(snapshot.roundTrips()).isEqualTo(kind.expectedRoundTrips());
    }

    @ParameterizedTest
    @EnumSource(
            value = ActorKind.class,
            names = {"TYPICAL", "HEAVY_PAGES"})
    void shouldReportAWrongAnswerWhenTheStoreChangedAfterTheExpectationsWereRead(ActorKind kind) throws Exception {
        seedAndCommand(kind);
        DemoRunnerHandler handler = handlerExpectingTheStoreNow(kind);
        store.put(ACTOR, StartupKeys.STATE, new byte[] {1, 2, 3});
        StartActorCommand command = store.startCommand(ACTOR, manifestOf(kind));

        StartupDriver.run(handler, command, store.kvClients());

        assertThat(tally.snapshot().mismatches()).isNotEmpty();
    }

    private StartActorCommand seedAndCommand(ActorKind kind) {
        for (KvRecord record : kind.records(new Random(7), Instant.now())) {
            store.put(ACTOR, record.key(), record.value());
        }
        return kind == ActorKind.UNLISTED
                ? store.startCommandWithoutManifest(ACTOR, 1, kind.actorType())
                : store.startCommand(ACTOR, manifestOf(kind));
    }

    private static PreloadManifest manifestOf(ActorKind kind) {
        return StartupKeys.manifest(kind.actorType(), ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES);
    }

    private DemoRunnerHandler handlerExpectingTheStoreNow(ActorKind kind) {
        List<StartupReads.Answer> expected =
                StartupReads.expectedAnswers(store.kvClients().forActor(ACTOR));
        return new DemoRunnerHandler(Map.of(ACTOR, kind), Map.of(ACTOR, expected), tally, Clock.systemUTC());
    }
}
