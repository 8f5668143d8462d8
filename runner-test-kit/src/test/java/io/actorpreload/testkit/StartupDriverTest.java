package io.actorpreload.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.ActorStartupHandler;
import io.actorpreload.runner.KvEntry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kit as a runner author uses it: a chat room's start-up handler, tested without Kafka. */
class StartupDriverTest {
    private final TestKvStore store = new TestKvStore();

    /** Reads its config and its messages, then records that it started. */
    private final ActorStartupHandler chatRoom = startup -> {
        List<KvEntry> config = startup.kv().batchGet(List.of(utf8("config")));
        List<KvEntry> messages = startup.kv().listPrefix(utf8("msg/"));
        if (config.isEmpty()) {
            throw new IllegalStateException("room " + startup.actorId() + " has no config");
        }
        startup.writes().add(utf8("started-with"), utf8(messages.size() + " messages"));
        startup.writes().flush();
    };

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldAnswerEveryReadOfTheManifestFromThePreload() throws Exception {
        store.put("room-1", "config", "{\"topic\":\"kafka\"}")
                .put("room-1", "msg/1", "hello")
                .put("room-1", "msg/2", "hi");
        PreloadManifest manifest = ManifestBuilder.forType("chat-room")
                .get("config")
                .prefix("msg/", 64 * 1024)
                .build();

        StartupResult result = StartupDriver.run(chatRoom, store.startCommand("room-1", manifest), store.kvClients());

        assertThat(result.preloadStatus()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(result.readFromStore()).isEmpty();
        assertThat(result.misses()).isEmpty();
        assertThat(result.kvRoundTrips()).as("the write only").isEqualTo(1);
        assertThat(result.reads()).extracting(StartupResult.Read::method).containsExactly("GET", "LIST_PREFIX");
        assertThat(text(store.value("room-1", "started-with").orElseThrow())).isEqualTo("2 messages");
        assertThat(result.puts()).hasSize(1);
    }

    @Test
    void shouldReadWhatTheManifestLeavesOutFromTheStore() throws Exception {
        store.put("room-1", "config", "{}").put("room-1", "msg/1", "hello");
        PreloadManifest manifest =
                ManifestBuilder.forType("chat-room").get("config").build();

        StartupResult result = StartupDriver.run(chatRoom, store.startCommand("room-1", manifest), store.kvClients());

        assertThat(result.readFromStore()).containsExactly("msg/");
        assertThat(result.misses()).hasSize(1);
        assertThat(result.kvRoundTrips()).isEqualTo(2);
        assertThat(text(store.value("room-1", "started-with").orElseThrow())).isEqualTo("1 messages");
    }

    @Test
    void shouldPreloadByTheProjectsBudgetRules() throws Exception {
        store.put("room-1", "config", "{}");
        for (int i = 0; i < 10; i++) {
            store.put("room-1", "msg/" + i, "x".repeat(1000));
        }
        // All or nothing: ten messages of about 1 KiB do not fit 4 KiB, so none is preloaded.
        PreloadManifest manifest = ManifestBuilder.forType("chat-room")
                .get("config")
                .prefix("msg/", 4096)
                .build();

        StartupResult result = StartupDriver.run(chatRoom, store.startCommand("room-1", manifest), store.kvClients());

        assertThat(result.preloadStatus()).isEqualTo(PreloadStatus.PRELOADED);
        assertThat(result.readFromStore()).containsExactly("msg/");
        assertThat(text(store.value("room-1", "started-with").orElseThrow())).isEqualTo("10 messages");
    }

    @Test
    void shouldStartATypeWithoutManifestFromTheStoreAlone() throws Exception {
        store.put("room-1", "config", "{}");
        StartActorCommand command = store.startCommandWithoutManifest("room-1", 1, "chat-room");

        StartupResult result = StartupDriver.run(chatRoom, command, store.kvClients());

        assertThat(result.preloadStatus()).isEqualTo(PreloadStatus.NO_MANIFEST);
        assertThat(result.readFromStore()).containsExactly("config", "msg/");
        assertThat(result.misses())
                .as("no preload, so nothing was expected of it")
                .isEmpty();
        assertThat(result.kvRoundTrips()).isEqualTo(3);
    }

    @Test
    void shouldPassOnWhatTheHandlerThrowsAndWriteNothing() {
        PreloadManifest manifest =
                ManifestBuilder.forType("chat-room").get("config").build();
        StartActorCommand command = store.startCommand("room-9", manifest);

        assertThatThrownBy(() -> StartupDriver.run(chatRoom, command, store.kvClients()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("room room-9 has no config");
        assertThat(store.value("room-9", "started-with")).isEmpty();
    }

    @Test
    void shouldRefuseAManifestThePipelineWouldRefuse() {
        assertThatThrownBy(() ->
                        ManifestBuilder.forType("chat-room").prefix("msg/", -1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
