package io.actorpreload.runner;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: {@link PreloadedKv} values written as short strings (one char = one byte, ISO-8859-1). */
final class Preloads {
    static final Instant UPDATED = Instant.parse("2024-01-02T03:04:05Z");

    private final List<PreloadEntry> entries = new ArrayList<>();
    private final List<ByteBuffer> getKeys = new ArrayList<>();
    private final List<PrefixPreload> prefixes = new ArrayList<>();

    static Preloads preload() {
        return new Preloads();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static ValueMetadata meta(String key) {
        return new ValueMetadata(b("v-" + key), UPDATED);
    }

    /** The entry a fixture stores for {@code key}: value "value-of-key", version "v-key". */
    static KvEntry entry(String key) {
        return new KvEntry(b(key), b("value-of-" + key), meta(key));
    }

    static List<byte[]> keys(String... keys) {
        List<byte[]> list = new ArrayList<>();
        for (String key : keys) {
            list.add(b(key));
        }
        return list;
    }

    Preloads entry(String key, byte[] value) {
        entries.add(new PreloadEntry(
                ByteBuffer.wrap(b(key)),
                ByteBuffer.wrap(value),
                new KvMetadata(ByteBuffer.wrap(b("v-" + key)), UPDATED)));
        return this;
    }

    Preloads entries(String... keys) {
        for (String key : keys) {
            entry(key, b("value-of-" + key));
        }
        return this;
    }

    Preloads getKeys(String... keys) {
        for (String key : keys) {
            getKeys.add(ByteBuffer.wrap(b(key)));
        }
        return this;
    }

    Preloads complete(String prefix) {
        prefixes.add(new PrefixPreload(ByteBuffer.wrap(b(prefix)), true, null));
        return this;
    }

    /** A partial prefix; {@code resumeAfter} null when none of it was kept. */
    Preloads partial(String prefix, String resumeAfter) {
        prefixes.add(new PrefixPreload(
                ByteBuffer.wrap(b(prefix)), false, resumeAfter == null ? null : ByteBuffer.wrap(b(resumeAfter))));
        return this;
    }

    PreloadedKv avro() {
        return new PreloadedKv(
                42L, new ArrayList<>(entries), new ArrayList<>(getKeys), new ArrayList<>(prefixes), 0L, null);
    }

    PreloadMap map() {
        return PreloadMap.of(avro());
    }
}
