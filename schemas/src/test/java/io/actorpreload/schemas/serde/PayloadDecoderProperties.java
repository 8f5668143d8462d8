package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;

/**
 * {@link PayloadDecoder} against Avro's {@code BinaryDecoder}, the reference: any sequence of reads
 * over any bytes gives the same values, then the same failure (by class), and leaves the same bytes
 * unread; except that a negative length to skip is refused, where Avro's decoder steps back. Bytes are small and varints often short, so that reads get far into the payload.
 */
class PayloadDecoderProperties {

    /** One read of the {@link Decoder} interface, with what it gave (a value, or what it threw). */
    enum Read {
        BOOLEAN,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        STRING,
        SKIP_STRING,
        BYTES,
        SKIP_BYTES,
        FIXED_3,
        SKIP_FIXED_2,
        ENUM,
        ARRAY_START,
        ARRAY_NEXT,
        SKIP_ARRAY,
        MAP_START,
        MAP_NEXT,
        SKIP_MAP,
        INDEX;

        Object on(Decoder in, boolean ours) throws Exception {
            return switch (this) {
                case BOOLEAN -> in.readBoolean();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                case FLOAT -> Float.floatToRawIntBits(in.readFloat());
                case DOUBLE -> Double.doubleToRawLongBits(in.readDouble());
                case STRING -> in.readString(null).toString();
                case SKIP_STRING -> skipped(in::skipString);
                case BYTES -> contents(in.readBytes(ours ? PayloadDecoder.SLICE : null));
                case SKIP_BYTES -> skipped(in::skipBytes);
                case FIXED_3 -> {
                    byte[] fixed = new byte[3];
                    in.readFixed(fixed);
                    yield Arrays.toString(fixed);
                }
                case SKIP_FIXED_2 -> skipped(() -> in.skipFixed(2));
                case ENUM -> in.readEnum();
                case ARRAY_START -> in.readArrayStart();
                case ARRAY_NEXT -> in.arrayNext();
                case SKIP_ARRAY -> in.skipArray();
                case MAP_START -> in.readMapStart();
                case MAP_NEXT -> in.mapNext();
                case SKIP_MAP -> in.skipMap();
                case INDEX -> in.readIndex();
            };
        }

        boolean skips() {
            return this == SKIP_STRING || this == SKIP_BYTES || this == SKIP_ARRAY || this == SKIP_MAP;
        }

        private static String contents(ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return Arrays.toString(bytes);
        }

        private static String skipped(Skip skip) throws Exception {
            skip.run();
            return "skipped";
        }

        private interface Skip {
            void run() throws Exception;
        }
    }

    @Property(tries = 5000, seed = "20261202")
    void shouldReadWhatAvrosDecoderReads(@ForAll("payloads") byte[] payload, @ForAll("reads") List<Read> reads) {
        PayloadDecoder ours = new PayloadDecoder(payload, 1, payload.length - 1);
        BinaryDecoder avros = DecoderFactory.get().binaryDecoder(payload, 1, payload.length - 1, null);

        List<Object> expected = outcomes(avros, false, reads);
        List<Object> actual = outcomes(ours, true, reads);

        int last = actual.size() - 1;
        if (actual.get(last) == AvroRuntimeException.class
                && last < reads.size()
                && reads.get(last).skips()) {
            // A negative length to skip: Avro's decoder steps back over bytes it read; ours refuses.
            assertThat(actual.subList(0, last)).isEqualTo(expected.subList(0, last));
        } else {
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static List<Object> outcomes(Decoder in, boolean ours, List<Read> reads) {
        List<Object> outcomes = new ArrayList<>();
        for (Read read : reads) {
            try {
                outcomes.add(read.on(in, ours));
            } catch (Exception e) {
                outcomes.add(e.getClass());
                return outcomes;
            }
        }
        try {
            outcomes.add(ours ? ((PayloadDecoder) in).isEnd() : ((BinaryDecoder) in).isEnd());
        } catch (Exception e) {
            outcomes.add(e.getClass());
        }
        return outcomes;
    }

    @Example
    void shouldGiveReadOnlyViewsOfThePayloadForSliceAndCopiesOtherwise() throws Exception {
        byte[] payload = {4, 'a', 'b', 4, 'c', 'd'};
        PayloadDecoder decoder = new PayloadDecoder(payload, 0, payload.length);

        ByteBuffer view = decoder.readBytes(PayloadDecoder.SLICE);
        ByteBuffer copy = decoder.readBytes(null);
        payload[1] = 'x';
        payload[4] = 'y';

        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.get(0)).isEqualTo((byte) 'x');
        assertThat(copy.array()).containsExactly('c', 'd'); // a whole array: how Avro turns bytes into a string
    }

    @Example
    void shouldReadAWritersBytesAsAReadersStringAndAWritersStringAsAReadersBytes() throws Exception {
        Schema writer = SchemaBuilder.record("R")
                .fields()
                .requiredBytes("a")
                .requiredString("b")
                .endRecord();
        Schema reader = SchemaBuilder.record("R")
                .fields()
                .requiredString("a")
                .requiredBytes("b")
                .endRecord();
        byte[] payload = {4, 'h', 'i', 4, 'y', 'o'};

        GenericRecord record = (GenericRecord) new StrictUtf8DatumReader<>(writer, reader, new SpecificData())
                .read(null, new PayloadDecoder(payload, 0, payload.length));

        assertThat(record.get("a")).hasToString("hi");
        assertThat(record.get("b")).isEqualTo(ByteBuffer.wrap(new byte[] {'y', 'o'}));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        // Small bytes for short varints, lengths and counts that fit the payload; runs of varint
        // continuation bytes for the longest and the over-long encodings.
        Arbitrary<Byte> small = Arbitraries.bytes().between((byte) 0, (byte) 9);
        Arbitrary<Byte> continuation = Arbitraries.bytes().between((byte) 0x80, (byte) 0xff);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(2, continuation), Tuple.of(1, any))
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Read>> reads() {
        return Arbitraries.of(Read.class).list().ofMaxSize(12);
    }
}
