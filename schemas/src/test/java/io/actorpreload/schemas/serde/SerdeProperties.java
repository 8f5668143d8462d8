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
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Arbitrary start commands through the serde: the reference model is the record itself (what goes
 * in comes out), and every truncation of a valid payload is refused rather than read. The
 * hand-written command writer is held to Avro's own: the same bytes for every command, and the
 * payload decoder to Avro's {@code BinaryDecoder}: the same record or the same failure for every
 * payload, valid, cut short or with a byte changed.
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

    @Property(tries = 1000, seed = "20261203")
    void shouldDecodeEveryPayloadAsAvrosOwnDecoderDoes(
            @ForAll("commands") StartActorCommand command,
            @ForAll double changeAt,
            @ForAll byte changeTo,
            @ForAll double cutAt,
            @ForAll boolean cut)
            throws Exception {
        byte[] payload = encoded(new SpecificDatumWriter<>(StartActorCommand.class), command);
        payload[(int) (Math.abs(changeAt) % 1.0 * payload.length)] = changeTo;
        int length = cut ? (int) (Math.abs(cutAt) % 1.0 * payload.length) : payload.length;
        StrictUtf8DatumReader<StartActorCommand> reader = new StrictUtf8DatumReader<>(
                StartActorCommand.getClassSchema(), StartActorCommand.getClassSchema(), SpecificData.get());

        Object ours = decoded(() -> {
            PayloadDecoder decoder = new PayloadDecoder(payload, 0, length);
            return List.of(reader.read(null, decoder), decoder.isEnd());
        });
        Object avros = decoded(() -> {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, 0, length, null);
            return List.of(reader.read(null, decoder), decoder.isEnd());
        });

        assertThat(ours).isEqualTo(avros);
    }

    /** The record and whether every byte was read, or the class of what was thrown. */
    private static Object decoded(Callable<List<Object>> decode) {
        try {
            return decode.call();
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Property(tries = 500, seed = "20261202")
    void shouldWriteCommandsByHandExactlyAsAvroDoes(@ForAll("commands") StartActorCommand command) throws Exception {
        assertThat(StartActorCommandWriter.fitsCompiledSchema())
                .as(
                        "StartActorCommand's schema changed (parsing fingerprint %s): make StartActorCommandWriter write it, "
                                + "then set its SCHEMA_FINGERPRINT",
                        StartActorCommandWriter.fingerprint(StartActorCommand.getClassSchema()))
                .isTrue();

        assertThat(encoded(new StartActorCommandWriter(), command))
                .isEqualTo(encoded(new SpecificDatumWriter<>(StartActorCommand.class), command));
    }

    private static byte[] encoded(DatumWriter<StartActorCommand> writer, StartActorCommand command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(command, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    @Provide
    Arbitrary<StartActorCommand> commands() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        Arbitrary<Instant> when =
                Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<PreloadedKv> preload = preloads(when).injectNull(0.3);
        return Combinators.combine(
                        text,
                        Arbitraries.longs(),
                        text,
                        when,
                        bytes().injectNull(0.3),
                        preload,
                        Arbitraries.of(PreloadStatus.class),
                        text.injectNull(0.7))
                .as((id, generation, name, at, input, kv, status, failure) ->
                        new StartActorCommand(id, generation, "ns", name, "runner", at, input, kv, status, failure));
    }

    private static Arbitrary<PreloadedKv> preloads(Arbitrary<Instant> when) {
        Arbitrary<PreloadEntry> entry = Combinators.combine(bytes(), bytes(), bytes(), when)
                .as((k, v, version, at) -> new PreloadEntry(k, v, new KvMetadata(version, at)));
        Arbitrary<PrefixPreload> prefix = Combinators.combine(
                        bytes(), Arbitraries.of(true, false), bytes().injectNull(0.5))
                .as(PrefixPreload::new);
        return Combinators.combine(
                        Arbitraries.longs(),
                        entry.list().ofMaxSize(4),
                        bytes().list().ofMaxSize(4),
                        prefix.list().ofMaxSize(3),
                        Arbitraries.longs(),
                        when.injectNull(0.5))
                .as((version, entries, keys, prefixes, total, at) -> new PreloadedKv(
                        version, List.copyOf(entries), List.copyOf(keys), List.copyOf(prefixes), total, at));
    }

    private static Arbitrary<ByteBuffer> bytes() {
        // Sometimes a window into a larger array, as a slice of a row read from the store is.
        return Combinators.combine(
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
                        Arbitraries.integers().between(0, 3))
                .as((array, skip) -> ByteBuffer.wrap(
                        array, Math.min(skip, array.length), array.length - Math.min(skip, array.length)));
    }
}
