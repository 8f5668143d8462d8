package io.actorpreload.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Plain Avro binary (no registry, no header), with the writer and reader schemas a test chooses. */
public final class AvroBinary {
    private AvroBinary() {}

    public static byte[] write(SpecificRecord record) {
        SpecificData model = SpecificData.getForClass(record.getClass());
        return encode(new SpecificDatumWriter<>(record.getSchema(), model), record);
    }

    /** Writes a generic record with {@code writer}, as a program compiled for that schema would. */
    public static byte[] writeGeneric(Schema writer, Object datum) {
        return encode(new GenericDatumWriter<>(writer, genericModel()), datum);
    }

    public static <T extends SpecificRecord> T readSpecific(Class<T> type, Schema writer, byte[] bytes) {
        SpecificData model = SpecificData.getForClass(type);
        return decode(new SpecificDatumReader<T>(writer, model.getSchema(type), model), bytes);
    }

    /** Reads as a program compiled for {@code reader} would, knowing nothing of the specific classes. */
    public static Object readGeneric(Schema writer, Schema reader, byte[] bytes) {
        return decode(new GenericDatumReader<>(writer, reader, genericModel()), bytes);
    }

    private static GenericData genericModel() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.TimestampMillisConversion());
        return model;
    }

    private static <D> byte[] encode(org.apache.avro.io.DatumWriter<D> writer, D datum) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <D> D decode(org.apache.avro.io.DatumReader<D> reader, byte[] bytes) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            D datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IllegalStateException("Bytes remain after the datum");
            }
            return datum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
