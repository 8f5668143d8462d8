package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A start request waiting in the asynchronous processor's in-flight store: everything needed to
 * start its preload again after a restart and to forward its command as the original record would
 * have been (key, timestamp, headers). Immutable (the arrays are not copied: nobody writes to them).
 *
 * <p>The bytes are the processor's own format: version byte, timestamp, headers, key, the request
 * in Avro binary of the running schema (no registry: the store is private to the application),
 * the manifest's bytes and the route. An upgrade that changes {@code ActorStartRequested} incompatibly must let
 * the in-flight stores drain first (stop the input, wait for the commands), as for any state store.
 *
 * @param key       the record key (actorId); may be null
 * @param timestamp the record timestamp
 * @param headers   the record headers
 * @param joined    the request and its manifest's bytes
 * @param route     where its command goes, decided when the record was processed (a restart does
 *                  not route again: a refusal then could not dead-letter the right record)
 */
record QueuedRequest(
        String key, long timestamp, Headers headers, JoinedRequest joined, PreloadCommandProcessor.Route route) {
    private static final byte FORMAT = 1;
    private static final SpecificDatumWriter<ActorStartRequested> WRITER =
            new SpecificDatumWriter<>(ActorStartRequested.class);
    private static final SpecificDatumReader<ActorStartRequested> READER =
            new SpecificDatumReader<>(ActorStartRequested.class);

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.writeLong(timestamp);
            Header[] all = headers.toArray();
            out.writeInt(all.length);
            for (Header header : all) {
                writeBytes(out, header.key().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, header.value());
            }
            writeBytes(out, key == null ? null : key.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream request = new ByteArrayOutputStream(128);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(request, null);
            synchronized (WRITER) {
                WRITER.write(joined.request(), encoder);
            }
            encoder.flush();
            writeBytes(out, request.toByteArray());
            writeBytes(out, joined.manifest());
            out.writeUTF(route.topic());
            out.writeInt(route.limit());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QueuedRequest decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("An in-flight entry has format " + format + ", this version reads "
                        + FORMAT + ": it was written by another version of actor-preload");
            }
            long timestamp = in.readLong();
            Headers headers = new RecordHeaders();
            for (int n = in.readInt(); n > 0; n--) {
                String name = new String(readBytes(in), StandardCharsets.UTF_8);
                headers.add(name, readBytes(in));
            }
            byte[] key = readBytes(in);
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(readBytes(in), null);
            ActorStartRequested request;
            synchronized (READER) {
                request = READER.read(null, decoder);
            }
            byte[] manifest = readBytes(in);
            PreloadCommandProcessor.Route route = new PreloadCommandProcessor.Route(in.readUTF(), in.readInt());
            return new QueuedRequest(
                    key == null ? null : new String(key, StandardCharsets.UTF_8),
                    timestamp,
                    headers,
                    new JoinedRequest(request, manifest),
                    route);
        } catch (IOException e) {
            throw new UncheckedIOException("An in-flight entry cannot be read", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }
}
