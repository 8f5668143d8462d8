package io.actorpreload.schemas.serde;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Writes a {@link StartActorCommand} in Avro's binary encoding field by field, with exactly the
 * bytes {@code SpecificDatumWriter} writes (a property test compares them). The topology writes one
 * command per start on its stream thread, where the generic writer spends much of its time finding
 * each field's schema, union branch and logical-type conversion: the command's shape is fixed at
 * build time, so this writer knows it. Written for the schema whose parsing fingerprint is
 * {@link #SCHEMA_FINGERPRINT}; {@link #fitsCompiledSchema()} says whether that is still the
 * compiled one, and the serializer uses the generic writer when it is not. Stateless and thread-safe.
 */
final class StartActorCommandWriter implements DatumWriter<StartActorCommand> {
    /** Avro's 64-bit parsing fingerprint of the StartActorCommand schema this writer follows. */
    static final long SCHEMA_FINGERPRINT = -8604354969417773495L;

    private static final int NULL_BRANCH = 0;
    private static final int VALUE_BRANCH = 1;

    /** Whether the compiled StartActorCommand schema is the one this writer follows. */
    static boolean fitsCompiledSchema() {
        return fingerprint(StartActorCommand.getClassSchema()) == SCHEMA_FINGERPRINT;
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public void setSchema(Schema schema) {
        // The writer knows its schema; the serializer only builds it for the compiled one.
    }

    @Override
    public void write(StartActorCommand command, Encoder out) throws IOException {
        out.writeString(command.getActorId());
        out.writeLong(command.getGeneration());
        out.writeString(command.getNamespace());
        out.writeString(command.getActorName());
        out.writeString(command.getRunnerId());
        writeMillis(command.getRequestedAt(), out);
        writeOptional(command.getInput(), out, (bytes, encoder) -> encoder.writeBytes(bytes));
        writeOptional(command.getPreloadedKv(), out, StartActorCommandWriter::writePreloadedKv);
        out.writeEnum(command.getPreloadStatus().ordinal());
        writeOptional(command.getPreloadFailure(), out, (failure, encoder) -> encoder.writeString(failure));
    }

    private static void writePreloadedKv(PreloadedKv kv, Encoder out) throws IOException {
        out.writeLong(kv.getReadVersion());
        writeArray(kv.getEntries(), out, StartActorCommandWriter::writeEntry);
        writeArray(kv.getRequestedGetKeys(), out, (key, encoder) -> encoder.writeBytes(key));
        writeArray(kv.getRequestedPrefixes(), out, StartActorCommandWriter::writePrefix);
        out.writeLong(kv.getTotalBytes());
        writeOptional(kv.getPreloadedAt(), out, StartActorCommandWriter::writeMillis);
    }

    private static void writeEntry(PreloadEntry entry, Encoder out) throws IOException {
        out.writeBytes(entry.getKey());
        out.writeBytes(entry.getValue());
        KvMetadata metadata = entry.getMetadata();
        out.writeBytes(metadata.getVersion());
        writeMillis(metadata.getUpdateTs(), out);
    }

    private static void writePrefix(PrefixPreload prefix, Encoder out) throws IOException {
        out.writeBytes(prefix.getPrefix());
        out.writeBoolean(prefix.getComplete());
        writeOptional(prefix.getResumeAfter(), out, (key, encoder) -> encoder.writeBytes(key));
    }

    /** An array as Avro writes one: its count, its items, the end marker. */
    private static <T> void writeArray(List<T> items, Encoder out, ValueWriter<T> writer) throws IOException {
        out.writeArrayStart();
        out.setItemCount(items.size());
        for (T item : items) {
            out.startItem();
            writer.write(item, out);
        }
        out.writeArrayEnd();
    }

    /** Writes one value of the field type. */
    @FunctionalInterface
    private interface ValueWriter<T> {
        void write(T value, Encoder out) throws IOException;
    }

    /** A union {@code ["null", T]}: branch 0 for null, else branch 1 and the value. */
    private static <T> void writeOptional(T value, Encoder out, ValueWriter<T> writer) throws IOException {
        if (value == null) {
            out.writeIndex(NULL_BRANCH);
        } else {
            out.writeIndex(VALUE_BRANCH);
            writer.write(value, out);
        }
    }

    /** Avro's timestamp-millis conversion: milliseconds since the epoch. */
    private static void writeMillis(Instant instant, Encoder out) throws IOException {
        out.writeLong(instant.toEpochMilli());
    }
}
