package io.actorpreload.runner.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.runner.PreloadedGet;
import io.actorpreload.schemas.ByteStrings;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {
    private static final String TOPIC = "runner.r1.commands";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final byte[] KEY = "state".getBytes(StandardCharsets.UTF_8);

    private final SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
    private final List<String> handled = new ArrayList<>();
    private final List<PreloadMap> preloads = new ArrayList<>();
    private final CommandHandler recording = (command, preload) -> {
        handled.add(command.getActorId() + "/" + command.getGeneration());
        preloads.add(preload);
    };

    CommandDispatcherTest() {
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + UUID.randomUUID()), false);
    }

    private final RunnerCounters counters = new RunnerCounters();

    private CommandDispatcher dispatcher(CommandHandler handler) {
        return new CommandDispatcher(
                serde.deserializer(),
                handler,
                new HandledCommands(100),
                Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(30),
                counters);
    }

    private byte[] bytes(String actorId, long generation, Instant requestedAt, PreloadStatus status) {
        return bytes(actorId, generation, requestedAt, null, status);
    }

    private byte[] bytes(
            String actorId, long generation, Instant requestedAt, Instant preloadedAt, PreloadStatus status) {
        PreloadedKv preload = new PreloadedKv(
                1L,
                List.of(new PreloadEntry(
                        ByteBuffer.wrap(KEY),
                        ByteBuffer.wrap(new byte[] {1}),
                        new KvMetadata(ByteBuffer.wrap(new byte[] {9}), NOW))),
                List.of(ByteBuffer.wrap(KEY)),
                List.of(),
                10L,
                preloadedAt);
        StartActorCommand command = StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(generation)
                .setNamespace("ns")
                .setActorName("counter")
                .setRunnerId("r1")
                .setRequestedAt(requestedAt)
                .setPreloadedKv(preload)
                .setPreloadStatus(status)
                .build();
        return serde.serializer().serialize(TOPIC, command);
    }

    private byte[] failed(String actorId, PreloadStatus status, String failure) {
        StartActorCommand command = StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("ns")
                .setActorName("counter")
                .setRunnerId("r1")
                .setRequestedAt(NOW)
                .setPreloadedKv(null)
                .setPreloadStatus(status)
                .setPreloadFailure(failure)
                .build();
        return serde.serializer().serialize(TOPIC, command);
    }

    @Test
    void shouldAgeAPreloadFromItsReadTimeNotItsRequestTime() throws Exception {
        // A topology backlog: requested a minute ago, read a second ago. The snapshot is fresh.
        dispatcher(recording)
                .dispatch(
                        TOPIC, 0, 5, bytes("a", 1, NOW.minusSeconds(60), NOW.minusSeconds(1), PreloadStatus.PRELOADED));
        assertThat(preloads.get(0).hasPreload()).isTrue();
    }

    @Test
    void shouldShareTheDecodedBytesWithThePreloadAndHandTheHandlerReadOnlyViews() throws Exception {
        List<StartActorCommand> commands = new ArrayList<>();
        byte[] payload = bytes("a", 1, NOW.minusSeconds(1), PreloadStatus.PRELOADED);
        dispatcher((command, preload) -> {
                    commands.add(command);
                    preloads.add(preload);
                })
                .dispatch(TOPIC, 0, 5, payload);

        PreloadEntry entry = commands.get(0).getPreloadedKv().getEntries().get(0);
        assertThat(entry.getKey().isReadOnly()).isTrue();
        assertThat(entry.getValue().isReadOnly()).isTrue();
        assertThat(commands.get(0).getPreloadedKv().getRequestedGetKeys().get(0).isReadOnly())
                .isTrue();
        assertThat(preloads.get(0).get(KEY))
                .isInstanceOfSatisfying(
                        PreloadedGet.Found.class,
                        found -> assertThat(found.value()).containsExactly(1));
        // Neither the command nor the map copied the value: both read the record's own bytes.
        Arrays.fill(payload, (byte) 7);
        assertThat(ByteStrings.toArray(entry.getValue())).containsExactly(7);
        assertThat(preloads.get(0).get(KEY))
                .isInstanceOfSatisfying(
                        PreloadedGet.Found.class,
                        found -> assertThat(found.value()).containsExactly(7));
    }

    @Test
    void shouldDropAPreloadReadLongerAgoThanTheMaxAgeHoweverRecentItsRequest() throws Exception {
        dispatcher(recording)
                .dispatch(
                        TOPIC, 0, 5, bytes("a", 1, NOW.minusSeconds(1), NOW.minusSeconds(31), PreloadStatus.PRELOADED));
        assertThat(preloads.get(0).hasPreload()).isFalse();
        assertThat(counters.stalePreloadsDropped()).isEqualTo(1);
    }

    @Test
    void shouldNotTrustAReadTimeInTheFuture() throws Exception {
        dispatcher(recording)
                .dispatch(
                        TOPIC,
                        0,
                        5,
                        bytes("a", 1, NOW.minusSeconds(1), NOW.plusSeconds(3600), PreloadStatus.PRELOADED));
        assertThat(preloads.get(0).hasPreload()).isFalse();
        assertThat(counters.stalePreloadsDropped()).isEqualTo(1);
    }

    @Test
    void shouldNotTrustARequestTimeInTheFutureWhenTheCommandHasNoReadTime() throws Exception {
        dispatcher(recording).dispatch(TOPIC, 0, 5, bytes("a", 1, NOW.plusSeconds(3600), PreloadStatus.PRELOADED));
        assertThat(preloads.get(0).hasPreload()).isFalse();
    }

    @Test
    void shouldCountWhyPreloadsFailedByKind() throws Exception {
        CommandDispatcher dispatcher = dispatcher(recording);
        dispatcher.dispatch(TOPIC, 0, 1, failed("a", PreloadStatus.STORE_ERROR, "timeout: the preload did not finish"));
        dispatcher.dispatch(TOPIC, 0, 2, failed("b", PreloadStatus.STORE_ERROR, "timeout: again"));
        dispatcher.dispatch(TOPIC, 0, 3, failed("c", PreloadStatus.STORE_ERROR, "corrupt-data: bad row"));
        dispatcher.dispatch(
                TOPIC, 0, 4, failed("d", PreloadStatus.TOO_LARGE, "too-large: 3000000 bytes, limit 2097152"));
        dispatcher.dispatch(TOPIC, 0, 5, failed("e", PreloadStatus.STORE_ERROR, null));

        assertThat(handled).hasSize(5);
        assertThat(counters.preloadFailures())
                .containsOnly(
                        entry("timeout", 2L),
                        entry("corrupt-data", 1L),
                        entry("too-large", 1L),
                        entry("unspecified", 1L));
    }

    @Test
    void shouldHandAFreshCommandWithItsPreloadToTheHandler() throws Exception {
        CommandDispatcher dispatcher = dispatcher(recording);
        assertThat(dispatcher.dispatch(TOPIC, 0, 5, bytes("a", 1, NOW.minusSeconds(5), PreloadStatus.PRELOADED)))
                .isEqualTo(CommandDispatcher.Outcome.HANDLED);
        assertThat(handled).containsExactly("a/1");
        assertThat(preloads.get(0).get(KEY)).isInstanceOf(PreloadedGet.Found.class);
    }

    @Test
    void shouldSkipARedeliveredActorGeneration() throws Exception {
        CommandDispatcher dispatcher = dispatcher(recording);
        byte[] command = bytes("a", 1, NOW, PreloadStatus.PRELOADED);
        dispatcher.dispatch(TOPIC, 0, 5, command);
        assertThat(dispatcher.dispatch(TOPIC, 0, 6, command)).isEqualTo(CommandDispatcher.Outcome.DUPLICATE);
        dispatcher.dispatch(TOPIC, 0, 7, bytes("a", 2, NOW, PreloadStatus.PRELOADED));
        assertThat(handled).containsExactly("a/1", "a/2");
    }

    @Test
    void shouldDropAPreloadOlderThanTheMaxAge() throws Exception {
        dispatcher(recording).dispatch(TOPIC, 0, 5, bytes("a", 1, NOW.minusSeconds(31), PreloadStatus.PRELOADED));
        assertThat(handled).containsExactly("a/1");
        assertThat(preloads.get(0).hasPreload()).isFalse();
        assertThat(preloads.get(0).get(KEY)).isInstanceOf(PreloadedGet.NotPreloaded.class);
    }

    @Test
    void shouldKeepAPreloadExactlyAtTheMaxAge() throws Exception {
        dispatcher(recording).dispatch(TOPIC, 0, 5, bytes("a", 1, NOW.minusSeconds(30), PreloadStatus.PRELOADED));
        assertThat(preloads.get(0).hasPreload()).isTrue();
    }

    @Test
    void shouldIgnoreAPreloadWhoseStatusIsNotPreloaded() throws Exception {
        dispatcher(recording).dispatch(TOPIC, 0, 5, bytes("a", 1, NOW, PreloadStatus.UNKNOWN));
        assertThat(preloads.get(0).hasPreload()).isFalse();
    }

    @Test
    void shouldReportUndecodableRecordsAndTombstonesWithoutCallingTheHandler() {
        CommandDispatcher dispatcher = dispatcher(recording);
        byte[] valid = bytes("a", 1, NOW, PreloadStatus.PRELOADED);
        assertThatThrownBy(() -> dispatcher.dispatch(TOPIC, 0, 5, new byte[] {7, 7, 7}))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(CommandFailure.Kind.UNDECODABLE);
                    assertThat(f.schemaId()).isEmpty();
                });
        assertThatThrownBy(() -> dispatcher.dispatch(TOPIC, 0, 6, Arrays.copyOf(valid, 8)))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(CommandFailure.Kind.UNDECODABLE);
                    assertThat(f.schemaId())
                            .hasValue(ByteBuffer.wrap(valid, 1, 4).getInt());
                    assertThat(f.reported()).isInstanceOf(InvalidAvroPayloadException.class);
                });
        assertThatThrownBy(() -> dispatcher.dispatch(TOPIC, 0, 7, null))
                .isInstanceOfSatisfying(
                        CommandFailure.class, f -> assertThat(f.kind()).isEqualTo(CommandFailure.Kind.NO_VALUE));
        assertThat(handled).isEmpty();
    }

    @Test
    void shouldTellAnUnknownSchemaIdFromAnUnreachableRegistry() {
        byte[] unknownId = bytes("a", 1, NOW, PreloadStatus.PRELOADED);
        ByteBuffer.wrap(unknownId, 1, 4).putInt(424242);
        assertThatThrownBy(() -> dispatcher(recording).dispatch(TOPIC, 0, 5, unknownId))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(CommandFailure.Kind.UNKNOWN_SCHEMA_ID);
                    assertThat(f.schemaId()).hasValue(424242);
                    assertThat(f.getMessage()).contains("424242");
                });

        CommandDispatcher unreachable = new CommandDispatcher(
                (topic, data) -> {
                    throw new SchemaRegistryException("GET /schemas/ids/7", 0, 0, "Connection refused");
                },
                recording,
                new HandledCommands(10),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                new RunnerCounters());
        assertThatThrownBy(() -> unreachable.dispatch(TOPIC, 0, 5, new byte[] {0, 0, 0, 0, 7, 1}))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(CommandFailure.Kind.REGISTRY_UNAVAILABLE);
                    assertThat(f.schemaId()).hasValue(7);
                });
        assertThat(handled).isEmpty();
    }

    @Test
    void shouldReportAFailingHandlerAndRememberNothing() throws Exception {
        int[] calls = {0};
        CommandDispatcher dispatcher = dispatcher((command, preload) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("runner busy");
            }
        });
        byte[] command = bytes("a", 1, NOW, PreloadStatus.PRELOADED);
        assertThatThrownBy(() -> dispatcher.dispatch(TOPIC, 0, 5, command))
                .isInstanceOfSatisfying(CommandFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(CommandFailure.Kind.HANDLER_FAILED);
                    assertThat(f.reported())
                            .isInstanceOf(IllegalStateException.class)
                            .hasMessage("runner busy");
                });
        assertThat(dispatcher.dispatch(TOPIC, 0, 5, command)).isEqualTo(CommandDispatcher.Outcome.HANDLED);
        assertThat(calls[0]).isEqualTo(2);
    }

    @Test
    void shouldForgetTheOldestHandledPairBeyondCapacity() {
        HandledCommands recent = new HandledCommands(2);
        recent.add("a", 1);
        recent.add("b", 1);
        recent.add("c", 1);
        assertThat(recent.size()).isEqualTo(2);
        assertThat(recent.contains("a", 1)).isFalse();
        assertThat(recent.contains("b", 1)).isTrue();
        assertThat(recent.contains("c", 1)).isTrue();
        assertThat(recent.contains("c", 2)).isFalse();
    }
}
