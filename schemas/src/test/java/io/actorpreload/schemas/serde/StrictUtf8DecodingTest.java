package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.AvroBinary;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Avro strings are UTF-8: a string field whose bytes are not valid UTF-8 is refused at decoding,
 * naming the field, never repaired into U+FFFD (which would make {@code x 0xFF} and {@code x 0xFE}
 * the same actor). Payloads are made by writing a record with a 4-byte placeholder in one field and
 * overwriting those bytes, so the length prefix stays right and only the string's bytes are wrong.
 */
class StrictUtf8DecodingTest {
    private static final String TOPIC = "requests";

    /** Byte strings of 4 bytes that are not UTF-8, each for a different rule of RFC 3629. */
    static final List<String> NOT_UTF8 = List.of(
            "78ff7878", // x 0xFF: a byte that never occurs in UTF-8 (the issue's case)
            "78fe7878", // x 0xFE
            "78807878", // a continuation byte with no lead byte
            "e2827878", // a 3-byte sequence cut after 2 bytes
            "c0af7878", // an overlong encoding of '/'
            "eda08078", // an encoded surrogate (U+D800, CESU-8)
            "f4908080"); // above U+10FFFF

    /** Byte strings of 4 bytes that are valid UTF-8 beyond ASCII: they must still read. */
    static final List<String> UTF8 = List.of(
            "c3a97878", // éxx
            "e282ac78", // €x
            "f09f9880", // 😀, a 4-byte sequence
            "efbfbd78"); // U+FFFD itself, written on purpose, is valid

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static Stream<Arguments> everyStringFieldOfAStartRequestWithEveryInvalidSequence() {
        return Stream.of("actorId", "namespace", "actorName", "runnerId")
                .flatMap(field -> NOT_UTF8.stream().map(bytes -> Arguments.of(field, bytes)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("everyStringFieldOfAStartRequestWithEveryInvalidSequence")
    void shouldRefuseAStartRequestWhoseStringFieldIsNotUtf8(String field, String hex) {
        byte[] payload = requestWith(field, HexFormat.of().parseHex(hex));

        assertThatThrownBy(() -> deserializer(ActorStartRequested.class).deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(InvalidAvroPayloadException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidAvroPayloadException.Problem.INVALID_UTF8);
                    assertThat(e.topic()).isEqualTo(TOPIC);
                })
                .hasMessageContaining("field " + field + " of io.actorpreload.avro.ActorStartRequested")
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void shouldSayWhereTheBytesStopBeingUtf8() {
        byte[] payload = requestWith("actorId", new byte[] {'x', (byte) 0xFF, 'x', 'x'});

        assertThatThrownBy(() -> deserializer(ActorStartRequested.class).deserialize(TOPIC, payload))
                .hasMessageContaining("byte 1 of 4 (0xff)");
    }

    @ParameterizedTest
    @MethodSource("validSequences")
    void shouldReadValidUtf8BeyondAscii(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        byte[] payload = requestWith("actorId", bytes);

        assertThat(deserializer(ActorStartRequested.class)
                        .deserialize(TOPIC, payload)
                        .getActorId())
                .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    static Stream<String> validSequences() {
        return UTF8.stream();
    }

    @Test
    void shouldRefuseAManifestWhoseActorNameIsNotUtf8() {
        PreloadManifest manifest = SampleRecords.preloadManifest();
        manifest.setActorName("####");
        byte[] payload = patched(manifest, "####", new byte[] {'x', (byte) 0xFF, 'x', 'x'});

        assertThatThrownBy(() -> deserializer(PreloadManifest.class).deserialize(TOPIC, payload))
                .isInstanceOfSatisfying(
                        InvalidAvroPayloadException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidAvroPayloadException.Problem.INVALID_UTF8))
                .hasMessageContaining("field actorName of io.actorpreload.avro.PreloadManifest");
    }

    @Test
    void shouldRefuseACommandWhoseRunnerIdIsNotUtf8() {
        StartActorCommand command = SampleRecords.startActorCommand();
        command.setRunnerId("####");
        byte[] payload = patched(command, "####", new byte[] {'r', (byte) 0xFF, 'x', 'x'});

        assertThatThrownBy(() -> deserializer(StartActorCommand.class).deserialize(TOPIC, payload))
                .isInstanceOf(InvalidAvroPayloadException.class)
                .hasMessageContaining("field runnerId of io.actorpreload.avro.StartActorCommand");
    }

    @Test
    void shouldStillReadGoodRecordsAfterRefusingABadOne() {
        SpecificAvroDeserializer<ActorStartRequested> deserializer = deserializer(ActorStartRequested.class);
        byte[] bad = requestWith("actorId", new byte[] {'x', (byte) 0xFF, 'x', 'x'});
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bad)).isInstanceOf(InvalidAvroPayloadException.class);

        byte[] good = new SpecificAvroSerializer<>(ActorStartRequested.class, registry)
                .serialize(TOPIC, SampleRecords.actorStartRequested());
        assertThat(deserializer.deserialize(TOPIC, good)).isEqualTo(SampleRecords.actorStartRequested());
    }

    @Test
    void shouldRefuseEvenWhenAvroCustomCodersAreSwitchedOn() throws Exception {
        SpecificData withCustomCoders = new SpecificData();
        withCustomCoders.setCustomCoders(true);
        PreloadManifest manifest = SampleRecords.preloadManifest();
        manifest.setActorName("####");
        byte[] avro = AvroBinary.write(manifest);
        int at = indexOf(avro, "####".getBytes(StandardCharsets.US_ASCII));
        avro[at + 1] = (byte) 0xFF;
        Schema schema = PreloadManifest.getClassSchema();

        // Avro's own reader (fast reader, custom coders) decodes past any readString hook, repairing the string...
        PreloadManifest repaired = new SpecificDatumReader<PreloadManifest>(schema, schema, withCustomCoders)
                .read(null, DecoderFactory.get().binaryDecoder(avro, null));
        assertThat(repaired.getActorName()).isEqualTo("#\uFFFD##");
        // ...so the strict reader does not use them.
        assertThatThrownBy(() -> new StrictUtf8DatumReader<PreloadManifest>(schema, schema, withCustomCoders)
                        .read(null, DecoderFactory.get().binaryDecoder(avro, null)))
                .isInstanceOf(StrictUtf8DatumReader.InvalidUtf8Exception.class)
                .hasMessageContaining("field actorName");
        assertThat(withCustomCoders.useCustomCoders())
                .as("the caller's model is left as it was")
                .isTrue();
    }

    @Test
    void shouldRefuseWriterBytesPromotedToAReaderStringThatAreNotUtf8() throws Exception {
        Schema reader = ActorStartRequested.getClassSchema();
        List<Schema.Field> fields = reader.getFields().stream()
                .map(f -> new Schema.Field(
                        f.name(),
                        f.name().equals("actorId") ? Schema.create(Schema.Type.BYTES) : f.schema(),
                        f.doc(),
                        f.defaultVal()))
                .toList();
        Schema writer = Schema.createRecord(reader.getName(), reader.getDoc(), reader.getNamespace(), false, fields);
        GenericRecord written = new GenericRecordBuilder(writer)
                .set("actorId", ByteBuffer.wrap(new byte[] {'x', (byte) 0xFF}))
                .set("generation", 1L)
                .set("namespace", "n")
                .set("actorName", "t")
                .set("runnerId", "r")
                .set("requestedAt", 0L)
                .set("input", null)
                .build();
        byte[] avro = AvroBinary.writeGeneric(writer, written);

        assertThatThrownBy(() -> new StrictUtf8DatumReader<ActorStartRequested>(
                                writer, reader, SpecificData.getForClass(ActorStartRequested.class))
                        .read(null, DecoderFactory.get().binaryDecoder(avro, null)))
                .isInstanceOf(StrictUtf8DatumReader.InvalidUtf8Exception.class)
                .hasMessageContaining("field actorId");
    }

    /** A start request whose {@code field} holds exactly {@code bytes} (4 of them) on the wire. */
    private byte[] requestWith(String field, byte[] bytes) {
        ActorStartRequested request = SampleRecords.actorStartRequested();
        request.put(field, "####");
        return patched(request, "####", bytes);
    }

    private <T extends SpecificRecord> byte[] patched(T record, String placeholder, byte[] replacement) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        byte[] payload = new SpecificAvroSerializer<>(type, registry).serialize(TOPIC, record);
        byte[] marker = placeholder.getBytes(StandardCharsets.US_ASCII);
        assertThat(replacement).hasSameSizeAs(marker);
        int at = indexOf(payload, marker);
        assertThat(indexOf(payload, marker, at + 1))
                .as("the placeholder occurs once")
                .isEqualTo(-1);
        System.arraycopy(replacement, 0, payload, at, replacement.length);
        return payload;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private <T extends SpecificRecord> SpecificAvroDeserializer<T> deserializer(Class<T> type) {
        return new SpecificAvroDeserializer<>(type, registry);
    }
}
