package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.keys;
import static io.actorpreload.runner.Preloads.preload;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActorStartupTest {
    private final InMemoryKvClient store = new InMemoryKvClient().with(entry("a"), entry("x"));

    private static StartActorCommand command(PreloadStatus status) {
        return StartActorCommand.newBuilder()
                .setActorId("actor-1")
                .setGeneration(3)
                .setNamespace("ns")
                .setActorName("chat")
                .setRunnerId("r1")
                .setRequestedAt(Instant.EPOCH)
                .setPreloadStatus(status)
                .build();
    }

    @Test
    void shouldAnswerFromThePreloadAndCountOnlyTheRoundTripsItCouldNotSave() {
        try (ActorStartup startup = new ActorStartup(
                command(PreloadStatus.PRELOADED),
                preload().entries("a").getKeys("a", "gone").map(),
                store)) {
            assertThat(startup.actorId()).isEqualTo("actor-1");
            assertThat(startup.status()).isEqualTo(PreloadStatus.PRELOADED);
            assertThat(startup.kv().batchGet(keys("a", "gone"))).containsExactly(entry("a"));
            assertThat(startup.kvRoundTrips()).isZero();

            assertThat(startup.kv().batchGet(keys("x"))).containsExactly(entry("x"));
            assertThat(startup.kvRoundTrips()).isEqualTo(1);
            assertThat(startup.misses()).containsExactly(new PreloadMiss("actor-1", "batchGet", b("x"), 1));
        }
    }

    @Test
    void shouldSendCollectedWritesThroughTheViewSoLaterReadsSeeThem() {
        try (ActorStartup startup = new ActorStartup(
                command(PreloadStatus.PRELOADED),
                preload().entries("a").getKeys("a").map(),
                store)) {
            startup.writes().add(b("a"), b("new"));
            startup.writes().flush();

            assertThat(store.calls).containsExactly("batchPut 1");
            assertThat(startup.kv().batchGet(keys("a")))
                    .extracting(KvEntry::value)
                    .containsExactly(b("new"));
            assertThat(startup.kvRoundTrips()).isEqualTo(1);
        }
    }

    @Test
    void shouldReleaseThePreloadOnClose() {
        ActorStartup startup = new ActorStartup(
                command(PreloadStatus.PRELOADED),
                preload().entries("a").getKeys("a").map(),
                store);
        startup.close();
        startup.close();

        startup.kv().batchGet(keys("a"));
        assertThat(store.calls).containsExactly("batchGet [0x61]");
        assertThat(startup.misses()).isEmpty();
    }
}
