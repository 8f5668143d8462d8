package io.actorpreload.preload;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Small builders shared by this module's tests. */
public final class TestData {
    public static final Instant UPDATED = Instant.ofEpochMilli(1_700_000_000_000L);

    private TestData() {}

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A value of {@code length} bytes with a recognisable pattern. */
    public static byte[] filled(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    public static KvRecord record(byte[] key, byte[] value) {
        return new KvRecord(key, value, bytes("v1"), UPDATED);
    }

    public static PrefixRequest prefix(byte[] prefix, long maxBytes, boolean partial) {
        return new PrefixRequest(ByteBuffer.wrap(prefix), maxBytes, partial);
    }

    public static PreloadManifest manifest(List<byte[]> getKeys, List<PrefixRequest> prefixes, long maxTotalBytes) {
        List<ByteBuffer> keys = new ArrayList<>();
        getKeys.forEach(key -> keys.add(ByteBuffer.wrap(key)));
        return new PreloadManifest("test-actor", keys, new ArrayList<>(prefixes), maxTotalBytes, null, null);
    }

    public static List<byte[]> keysOf(List<ByteBuffer> buffers) {
        List<byte[]> keys = new ArrayList<>();
        for (ByteBuffer buffer : buffers) {
            ByteBuffer copy = buffer.duplicate();
            byte[] key = new byte[copy.remaining()];
            copy.get(key);
            keys.add(key);
        }
        return keys;
    }
}
