package io.actorpreload.learner.internals;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.learner.ByteKey;
import io.actorpreload.learner.LearnerState;
import io.actorpreload.learner.StartSample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a {@link LearnerState} in the learner's window store and its changelog: a format
 * byte, then the samples, the last learned manifest and the starts since. The store is the
 * learner's own, never registry-governed; a format it does not know reads as an empty state
 * (the learner starts that type's window again rather than fail). Stateless.
 */
public final class LearnerStateCodec {
    private static final byte FORMAT = 1;

    private LearnerStateCodec() {}

    public static byte[] write(LearnerState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(state.window().size());
            for (StartSample sample : state.window()) {
                writeKeys(out, sample.gets());
                writeKeys(out, sample.lists());
                out.writeInt(sample.readRoundTrips());
                out.writeLong(sample.preloadedBytes());
                out.writeLong(sample.unusedBytes());
            }
            PreloadManifest last = state.lastLearned();
            out.writeBoolean(last != null);
            if (last != null) {
                out.writeUTF(last.getActorName());
                out.writeLong(last.getLearnedVersion());
                out.writeLong(last.getMaxTotalBytes());
                out.writeInt(last.getGetKeys().size());
                for (ByteBuffer key : last.getGetKeys()) {
                    writeBytes(out, ByteKey.of(key).bytes());
                }
                out.writeInt(last.getPrefixes().size());
                for (PrefixRequest prefix : last.getPrefixes()) {
                    writeBytes(out, ByteKey.of(prefix.getPrefix()).bytes());
                    out.writeLong(prefix.getMaxBytes());
                    out.writeBoolean(prefix.getPartial());
                }
            }
            out.writeInt(state.startsSincePublish());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The state of {@code bytes}; {@link LearnerState#empty()} for null or a format this version does not know. */
    public static LearnerState read(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes[0] != FORMAT) {
            return LearnerState.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            int samples = in.readInt();
            List<StartSample> window = new ArrayList<>(samples);
            for (int i = 0; i < samples; i++) {
                window.add(new StartSample(readKeys(in), readKeys(in), in.readInt(), in.readLong(), in.readLong()));
            }
            PreloadManifest last = null;
            if (in.readBoolean()) {
                String actorName = in.readUTF();
                long version = in.readLong();
                long maxTotal = in.readLong();
                int keyCount = in.readInt();
                List<ByteBuffer> keys = new ArrayList<>(keyCount);
                for (int i = 0; i < keyCount; i++) {
                    keys.add(ByteBuffer.wrap(readBytes(in)));
                }
                int prefixCount = in.readInt();
                List<PrefixRequest> prefixes = new ArrayList<>(prefixCount);
                for (int i = 0; i < prefixCount; i++) {
                    prefixes.add(new PrefixRequest(ByteBuffer.wrap(readBytes(in)), in.readLong(), in.readBoolean()));
                }
                last = new PreloadManifest(actorName, keys, prefixes, maxTotal, version, true);
            }
            return new LearnerState(window, last, in.readInt());
        } catch (IOException e) {
            throw new UncheckedIOException("A learner state of " + bytes.length + " bytes is truncated", e);
        }
    }

    private static void writeKeys(DataOutputStream out, Map<ByteKey, Long> keys) throws IOException {
        out.writeInt(keys.size());
        for (Map.Entry<ByteKey, Long> entry : new TreeMap<>(keys).entrySet()) {
            writeBytes(out, entry.getKey().bytes());
            out.writeLong(entry.getValue());
        }
    }

    private static Map<ByteKey, Long> readKeys(DataInputStream in) throws IOException {
        int count = in.readInt();
        Map<ByteKey, Long> keys = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            keys.put(ByteKey.of(readBytes(in)), in.readLong());
        }
        return keys;
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
