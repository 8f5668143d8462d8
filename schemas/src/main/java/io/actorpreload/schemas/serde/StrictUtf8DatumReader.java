package io.actorpreload.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;

/**
 * A {@link SpecificDatumReader} that refuses strings that are not valid UTF-8 instead of decoding
 * them with replacement characters, as Avro's own reader does. Avro strings are UTF-8 by the
 * specification; decoding {@code x 0xFF} and {@code x 0xFE} both to {@code "x\uFFFD"} would make
 * two different actor ids one actor. A bad string raises {@link InvalidUtf8Exception} naming the
 * record field it was read for.
 *
 * <p>Cost on the hot path: the check itself is one scan of an all-ASCII string (the usual id or
 * name) for a byte above 0x7F, then a copy; other strings go through a reporting
 * {@link CharsetDecoder}. The larger cost is that Avro's fast reader (on by default since Avro 1.10)
 * builds its own string readers, which no subclass can reach, so this reader runs Avro's classic,
 * resolving path, slower per record than the fast reader: the price of checking every string.
 * Strings of writer fields the reader skips are not decoded, so not checked either: they never
 * reach a record. A writer's {@code bytes} promoted to a reader's {@code string} is checked too.
 *
 * <p>A {@code bytes} value read from a {@link PayloadDecoder} is a read-only view of the payload,
 * not a copy ({@link #readBytes}).
 *
 * <p>Thread-safe like Avro's readers (the per-thread state is Avro's resolving decoder).
 */
final class StrictUtf8DatumReader<T> extends SpecificDatumReader<T> {
    private final Map<Schema, Class<?>> stringClasses = new ConcurrentHashMap<>();

    /**
     * @param model the model of the reader's classes (their conversions); the reader uses a copy
     *              with Avro's fast reader and custom coders off, because both decode strings
     *              without passing through {@link #readString}
     */
    StrictUtf8DatumReader(Schema writer, Schema reader, SpecificData model) {
        super(writer, reader, classicCopyOf(model));
    }

    private static SpecificData classicCopyOf(SpecificData model) {
        SpecificData copy = new SpecificData(model.getClassLoader());
        model.getConversions().forEach(copy::addLogicalTypeConversion);
        copy.setFastReaderEnabled(false);
        copy.setCustomCoders(false);
        return copy;
    }

    @Override
    protected Object readString(Object old, Schema expected, Decoder in) throws IOException {
        Utf8 raw = in.readString(old instanceof Utf8 reusable ? reusable : null);
        String text = decode(raw.getBytes(), raw.getByteLength());
        Class<?> stringClass = stringClasses.computeIfAbsent(expected, this::findStringClass);
        if (stringClass == String.class) {
            return text;
        }
        if (stringClass == CharSequence.class) {
            return raw;
        }
        return newInstanceFromString(stringClass, text);
    }

    /** Asks a {@link PayloadDecoder} for a view of the payload; any other decoder reads a copy, as Avro does. */
    @Override
    protected Object readBytes(Object old, Schema expected, Decoder in) throws IOException {
        return in.readBytes(PayloadDecoder.SLICE);
    }

    @Override
    protected void readField(Object record, Schema.Field field, Object oldDatum, ResolvingDecoder in, Object state)
            throws IOException {
        try {
            super.readField(record, field, oldDatum, in, state);
        } catch (InvalidUtf8Exception e) {
            // The innermost field names the string; an enclosing record's field adds nothing.
            throw e.field != null ? e : new InvalidUtf8Exception(e, field.name(), recordName(record));
        }
    }

    private static String recordName(Object record) {
        return record instanceof IndexedRecord indexed
                ? indexed.getSchema().getFullName()
                : record.getClass().getName();
    }

    /** The string of UTF-8 {@code bytes[0, length)}, or {@link InvalidUtf8Exception} saying where they are not UTF-8. */
    static String decode(byte[] bytes, int length) throws InvalidUtf8Exception {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return decodeBeyondAscii(bytes, length);
            }
        }
        // Only ASCII bytes: UTF-8 and Latin-1 agree on them, and Latin-1 decoding is a plain copy.
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String decodeBeyondAscii(byte[] bytes, int length) throws InvalidUtf8Exception {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        try {
            CharBuffer chars = decoder.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte of the sequence it could not decode.
            throw new InvalidUtf8Exception(null, null, in.position(), length, bytes[in.position()]);
        }
    }

    /**
     * A string's bytes are not valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above
     * U+10FFFF). Says which field (when read for one), which byte and why the record is refused.
     */
    static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        final String field;
        final String record;
        final int offset;
        final int length;
        final byte badByte;

        private InvalidUtf8Exception(String field, String record, int offset, int length, byte badByte) {
            super(message(field, record, offset, length, badByte));
            this.field = field;
            this.record = record;
            this.offset = offset;
            this.length = length;
            this.badByte = badByte;
        }

        private InvalidUtf8Exception(InvalidUtf8Exception unnamed, String field, String record) {
            this(field, record, unnamed.offset, unnamed.length, unnamed.badByte);
        }

        private static String message(String field, String record, int offset, int length, byte badByte) {
            String what = field == null ? "a string" : "field " + field + " of " + record;
            return what + " is not valid UTF-8: the sequence at byte " + offset + " of " + length + " (0x"
                    + String.format("%02x", badByte & 0xFF) + ") is malformed. "
                    + "Avro strings are UTF-8; the record is refused rather than read with replacement characters "
                    + "(which would make different byte strings equal). Fix the producer's encoding.";
        }
    }
}
