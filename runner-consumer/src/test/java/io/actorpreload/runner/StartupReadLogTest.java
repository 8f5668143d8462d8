package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.keys;
import static io.actorpreload.runner.Preloads.preload;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.ReadMethod;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.avro.StartupRead;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an {@link ActorStartup} reports of its reads: every read, answered or not, with what it returned. */
class StartupReadLogTest {
    private final InMemoryKvClient store =
            new InMemoryKvClient().with(entry("a"), entry("x"), entry("p/1"), entry("p/2"));
    private final List<ActorStartReport> sent = new ArrayList<>();

    private static StartActorCommand command(PreloadStatus status, PreloadedKv kv) {
        return StartActorCommand.newBuilder()
                .setActorId("actor-1")
                .setGeneration(3)
                .setNamespace("ns")
                .setActorName("chat")
                .setRunnerId("r1")
                .setRequestedAt(Instant.EPOCH)
                .setPreloadStatus(status)
                .setPreloadedKv(kv)
                .build();
    }

    private static StartupRead read(ReadMethod method, String key, boolean answered, long bytes, int entries) {
        return new StartupRead(method, ByteBuffer.wrap(b(key)), answered, bytes, entries);
    }

    /** The preload's size of a fixture entry: key + "value-of-key" + "v-key" + 8. */
    private static long size(String key) {
        return key.length() + ("value-of-" + key).length() + ("v-" + key).length() + 8;
    }

    @Test
    void shouldReportEveryReadOfAStartWithoutPreloadAsARoundTrip() {
        ActorStartup startup =
                new ActorStartup(command(PreloadStatus.NO_MANIFEST, null), PreloadMap.none(), store, sent::add);

        startup.kv().batchGet(keys("a"));
        startup.kv().batchGet(keys("x", "gone"));
        startup.kv().listPrefix(b("p/"));
        startup.close();

        assertThat(sent).singleElement().satisfies(report -> {
            assertThat(report.getActorName()).isEqualTo("chat");
            assertThat(report.getActorId()).isEqualTo("actor-1");
            assertThat(report.getGeneration()).isEqualTo(3);
            assertThat(report.getPreloadStatus()).isEqualTo(PreloadStatus.NO_MANIFEST);
            assertThat(report.getReadRoundTrips()).isEqualTo(3);
            assertThat(report.getPreloadedBytes()).isZero();
            assertThat(report.getReads())
                    .containsExactly(
                            read(ReadMethod.GET, "a", false, size("a"), 1),
                            read(ReadMethod.BATCH_GET, "x", false, size("x"), 1),
                            read(ReadMethod.BATCH_GET, "gone", false, 0, 0),
                            read(ReadMethod.LIST_PREFIX, "p/", false, size("p/1") + size("p/2"), 2));
        });
    }

    @Test
    void shouldReportAnsweredReadsAndThePreloadedBytesNoReadTouched() {
        PreloadedKv kv = preload()
                .entries("a", "p/1", "p/2", "unread")
                .getKeys("a", "absent", "unread")
                .complete("p/")
                .avro();
        kv.setTotalBytes(size("a") + size("p/1") + size("p/2") + size("unread"));
        ActorStartup startup =
                new ActorStartup(command(PreloadStatus.PRELOADED, kv), PreloadMap.of(kv), store, sent::add);

        startup.kv().batchGet(keys("a", "absent"));
        startup.kv().listPrefix(b("p/"));
        startup.kv().batchGet(keys("x"));
        startup.close();
        startup.close();

        assertThat(sent).singleElement().satisfies(report -> {
            assertThat(report.getReads())
                    .containsExactly(
                            read(ReadMethod.BATCH_GET, "a", true, size("a"), 1),
                            read(ReadMethod.BATCH_GET, "absent", true, 0, 0),
                            read(ReadMethod.LIST_PREFIX, "p/", true, size("p/1") + size("p/2"), 2),
                            read(ReadMethod.GET, "x", false, size("x"), 1));
            assertThat(report.getReadRoundTrips()).isEqualTo(1);
            assertThat(report.getPreloadedBytes()).isEqualTo(kv.getTotalBytes());
            assertThat(report.getUnusedPreloadedBytes()).isEqualTo(size("unread"));
        });
    }

    @Test
    void shouldLeaveOutReadsOfTheActorsOwnWritesAndEveryReadAfterStartUp() {
        PreloadedKv kv = preload().entries("a").getKeys("a").avro();
        ActorStartup startup =
                new ActorStartup(command(PreloadStatus.PRELOADED, kv), PreloadMap.of(kv), store, sent::add);
        startup.writes().add(b("a"), b("mine"));
        startup.writes().flush();

        startup.kv().batchGet(keys("a"));
        startup.kv().batchGet(keys("x"));
        startup.close();
        startup.kv().batchGet(keys("x"));

        assertThat(sent)
                .singleElement()
                .satisfies(report ->
                        assertThat(report.getReads()).containsExactly(read(ReadMethod.GET, "x", false, size("x"), 1)));
    }
}
