package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Arbitrary start commands through the serde: the reference model is the record itself (what goes
 * in comes out), and every truncation of a valid payload is refused rather than read.
 */
class SerdeProperties {
    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final SpecificAvroSerializer<StartActorCommand> serializer =
            new SpecificAvroSerializer<>(StartActorCommand.class, registry);
    private final SpecificAvroDeserializer<StartActorCommand> deserializer =
            new SpecificAvroDeserializer<>(StartActorCommand.class, registry);

    @Property(tries = 200, seed = "20240601")
    void shouldReadBackWhatWasWritten(@ForAll("commands") StartActorCommand command) {
        byte[] bytes = serializer.serialize("commands", command);

        assertThat(deserializer.deserialize("commands", bytes)).isEqualTo(command);
    }

    @Property(tries = 200, seed = "20240601")
    void shouldRefuseEveryTruncation(@ForAll("commands") StartActorCommand command, @ForAll double cutAt) {
        byte[] bytes = serializer.serialize("commands", command);
        int length = (int) (Math.abs(cutAt) % 1.0 * bytes.length);

        assertThatThrownBy(() -> deserializer.deserialize("commands", Arrays.copyOf(bytes, length)))
                .isInstanceOf(InvalidAvroPayloadException.class);
    }

    @Provide
    Arbitrary<StartActorCommand> commands() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<Instant> when = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<PreloadedKv> preload = preloads(when).injectNull(0.3);
        return Combinators.combine(text, Arbitraries.longs(), text, when, bytes().injectNull(0.3), preload,
                        Arbitraries.of(PreloadStatus.class))
                .as((id, generation, name, at, input, kv, status) ->
                        new StartActorCommand(id, generation, "ns", name, "runner", at, input, kv, status, null));
    }

    private static Arbitrary<PreloadedKv> preloads(Arbitrary<Instant> when) {
        Arbitrary<PreloadEntry> entry = Combinators.combine(bytes(), bytes(), bytes(), when)
                .as((k, v, version, at) -> new PreloadEntry(k, v, new KvMetadata(version, at)));
        Arbitrary<PrefixPreload> prefix = Combinators.combine(bytes(), Arbitraries.of(true, false), bytes().injectNull(0.5))
                .as(PrefixPreload::new);
        return Combinators.combine(Arbitraries.longs(), entry.list().ofMaxSize(4), bytes().list().ofMaxSize(4),
                        prefix.list().ofMaxSize(3), Arbitraries.longs())
                .as((version, entries, keys, prefixes, total) ->
                        new PreloadedKv(version, List.copyOf(entries), List.copyOf(keys), List.copyOf(prefixes), total, null));
    }

    private static Arbitrary<ByteBuffer> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(ByteBuffer::wrap);
    }
}
