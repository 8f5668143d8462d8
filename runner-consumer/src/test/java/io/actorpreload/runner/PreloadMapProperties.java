package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link PreloadMap} against a model: a store as a {@code TreeMap}, a producer that follows
 * docs/ARCHITECTURE.md's preload rules, and the expected answer for every key and prefix derived from the
 * model's own sorted maps. Every authoritative answer must also agree with the store.
 * jqwik prints the seed of a failing run; replay it with {@code @Property(seed = "...")}.
 */
class PreloadMapProperties {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x61, 0x7F, (byte) 0x80, (byte) 0xFF};
    private static final Instant UPDATED = Instant.parse("2024-01-01T00:00:00Z");

    enum Mode {
        COMPLETE,
        PARTIAL,
        DROPPED
    }

    record GetKey(byte[] key, boolean fits) {}

    record PrefixChoice(byte[] prefix, Mode mode, int cut) {}

    record Scenario(
            List<byte[]> storeKeys,
            List<GetKey> getKeys,
            List<PrefixChoice> prefixes,
            List<byte[]> probes,
            long shuffleSeed) {}

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<byte[]> keys = key(4);
        Arbitrary<GetKey> getKeys =
                Combinators.combine(keys, Arbitraries.of(true, true, false)).as(GetKey::new);
        Arbitrary<PrefixChoice> prefixes = Combinators.combine(
                        key(2),
                        Arbitraries.of(Mode.class),
                        Arbitraries.integers().between(0, 12))
                .as(PrefixChoice::new);
        return Combinators.combine(
                        keys.list().ofMaxSize(30),
                        getKeys.list().ofMaxSize(8),
                        prefixes.list().ofMaxSize(4),
                        key(3).list().ofMaxSize(12),
                        Arbitraries.longs())
                .as(Scenario::new);
    }

    private static Arbitrary<byte[]> key(int maxLength) {
        return Arbitraries.of(ALPHABET[0], ALPHABET[1], ALPHABET[2], ALPHABET[3], ALPHABET[4], ALPHABET[5])
                .list()
                .ofMaxSize(maxLength)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Property(tries = 1000)
    void getAndListPrefixAgreeWithTheModel(@ForAll("scenarios") Scenario scenario, @ForAll boolean sharing) {
        Model model = new Model(scenario);
        PreloadedKv preload = model.preload(new Random(scenario.shuffleSeed()));
        PreloadMap map = sharing ? PreloadMap.sharing(preload) : PreloadMap.of(preload);

        List<byte[]> probes = new ArrayList<>(scenario.probes());
        probes.addAll(scenario.storeKeys());
        scenario.getKeys().forEach(g -> probes.add(g.key()));
        for (byte[] key : probes) {
            assertThat(map.get(key)).as("get(%s)", Arrays.toString(key)).isEqualTo(model.expectedGet(key));
        }
        scenario.prefixes().forEach(p -> probes.add(p.prefix()));
        for (byte[] prefix : probes) {
            PreloadedListing listing = map.listPrefix(prefix);
            assertThat(listing).as("listPrefix(%s)", Arrays.toString(prefix)).isEqualTo(model.expectedListing(prefix));
            model.assertTrueToTheStore(prefix, listing);
        }
    }

    /** The store, what a correct producer sends, and the answers it implies. */
    private static final class Model {
        final TreeMap<byte[], byte[]> store = new TreeMap<>(Arrays::compareUnsigned);
        final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        final TreeSet<byte[]> requested = new TreeSet<>(Arrays::compareUnsigned);
        /** Requested prefix → null when complete, else resumeAfter (an empty Optional-like marker when none kept). */
        final TreeMap<byte[], byte[][]> prefixes = new TreeMap<>(Arrays::compareUnsigned);

        Model(Scenario scenario) {
            for (byte[] key : scenario.storeKeys()) {
                store.put(key, ("v" + Arrays.toString(key)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            for (GetKey get : scenario.getKeys()) {
                byte[] value = store.get(get.key());
                if (value == null) {
                    requested.add(get.key());
                } else if (get.fits()) {
                    requested.add(get.key());
                    entries.put(get.key(), value);
                }
            }
            for (PrefixChoice choice : scenario.prefixes()) {
                if (choice.mode() == Mode.DROPPED || prefixes.containsKey(choice.prefix())) {
                    continue;
                }
                List<Map.Entry<byte[], byte[]>> under =
                        new ArrayList<>(under(store, choice.prefix()).entrySet());
                if (choice.mode() == Mode.COMPLETE || choice.cut() >= under.size()) {
                    under.forEach(e -> entries.put(e.getKey(), e.getValue()));
                    prefixes.put(choice.prefix(), null);
                } else {
                    under.subList(0, choice.cut()).forEach(e -> entries.put(e.getKey(), e.getValue()));
                    byte[] resumeAfter = choice.cut() == 0
                            ? null
                            : under.get(choice.cut() - 1).getKey();
                    prefixes.put(choice.prefix(), new byte[][] {resumeAfter});
                }
            }
        }

        PreloadedKv preload(Random shuffle) {
            List<PreloadEntry> avroEntries = new ArrayList<>();
            entries.forEach((k, v) -> avroEntries.add(new PreloadEntry(
                    ByteBuffer.wrap(k), ByteBuffer.wrap(v), new KvMetadata(ByteBuffer.wrap(k), UPDATED))));
            List<ByteBuffer> getKeys = new ArrayList<>();
            requested.forEach(k -> getKeys.add(ByteBuffer.wrap(k)));
            List<PrefixPreload> avroPrefixes = new ArrayList<>();
            prefixes.forEach((p, resume) -> avroPrefixes.add(new PrefixPreload(
                    ByteBuffer.wrap(p),
                    resume == null,
                    resume == null || resume[0] == null ? null : ByteBuffer.wrap(resume[0]))));
            if (shuffle.nextBoolean()) {
                // Some producers send the arrays out of order: the map must sort them.
                Collections.shuffle(avroEntries, shuffle);
                Collections.shuffle(getKeys, shuffle);
                Collections.shuffle(avroPrefixes, shuffle);
            }
            return new PreloadedKv(7L, avroEntries, getKeys, avroPrefixes, 0L, null);
        }

        PreloadedGet expectedGet(byte[] key) {
            byte[] value = entries.get(key);
            if (value != null) {
                return new PreloadedGet.Found(value, new ValueMetadata(key, UPDATED));
            }
            if (requested.contains(key)) {
                return new PreloadedGet.Absent();
            }
            for (Map.Entry<byte[], byte[][]> p : prefixes.entrySet()) {
                boolean under = startsWith(key, p.getKey());
                byte[][] resume = p.getValue();
                if (under && (resume == null || resume[0] != null && Arrays.compareUnsigned(key, resume[0]) <= 0)) {
                    return new PreloadedGet.Absent();
                }
            }
            return new PreloadedGet.NotPreloaded();
        }

        PreloadedListing expectedListing(byte[] prefix) {
            boolean covered = false;
            byte[] furthest = null;
            for (Map.Entry<byte[], byte[][]> p : prefixes.entrySet()) {
                if (!startsWith(prefix, p.getKey())) {
                    continue;
                }
                covered = true;
                byte[][] resume = p.getValue();
                if (resume == null) {
                    return new PreloadedListing.Complete(listed(under(entries, prefix)));
                }
                if (resume[0] != null && (furthest == null || Arrays.compareUnsigned(resume[0], furthest) > 0)) {
                    furthest = resume[0];
                }
            }
            if (!covered) {
                return new PreloadedListing.NotPreloaded();
            }
            byte[] end = strinc(prefix);
            if (furthest != null && end != null && Arrays.compareUnsigned(furthest, end) >= 0) {
                return new PreloadedListing.Complete(listed(under(entries, prefix)));
            }
            if (furthest == null || Arrays.compareUnsigned(furthest, prefix) < 0) {
                return new PreloadedListing.Partial(List.of(), java.util.Optional.empty());
            }
            TreeMap<byte[], byte[]> head = new TreeMap<>(Arrays::compareUnsigned);
            head.putAll(under(entries, prefix).headMap(furthest, true));
            return new PreloadedListing.Partial(listed(head), java.util.Optional.of(furthest));
        }

        void assertTrueToTheStore(byte[] prefix, PreloadedListing listing) {
            if (listing instanceof PreloadedListing.Complete complete) {
                assertThat(keysOf(complete.entries()))
                        .containsExactlyElementsOf(under(store, prefix).keySet());
            } else if (listing instanceof PreloadedListing.Partial partial
                    && partial.resumeAfter().isPresent()) {
                assertThat(keysOf(partial.entries()))
                        .containsExactlyElementsOf(under(store, prefix)
                                .headMap(partial.resumeAfter().get(), true)
                                .keySet());
            }
        }

        private static List<byte[]> keysOf(List<KvEntry> entries) {
            return entries.stream().map(KvEntry::key).toList();
        }

        private static List<KvEntry> listed(Map<byte[], byte[]> entries) {
            List<KvEntry> list = new ArrayList<>();
            entries.forEach((k, v) -> list.add(new KvEntry(k, v, new ValueMetadata(k, UPDATED))));
            return list;
        }

        /** Keys starting with {@code prefix}: the range [prefix, strinc(prefix)), unbounded when there is no strinc. */
        private static java.util.NavigableMap<byte[], byte[]> under(TreeMap<byte[], byte[]> map, byte[] prefix) {
            byte[] end = strinc(prefix);
            return end == null ? map.tailMap(prefix, true) : map.subMap(prefix, true, end, false);
        }

        /** The first key after every key starting with {@code prefix}; null when there is none (empty or all 0xFF). */
        private static byte[] strinc(byte[] prefix) {
            int last = prefix.length - 1;
            while (last >= 0 && prefix[last] == (byte) 0xFF) {
                last--;
            }
            if (last < 0) {
                return null;
            }
            byte[] end = Arrays.copyOf(prefix, last + 1);
            end[last]++;
            return end;
        }

        private static boolean startsWith(byte[] key, byte[] prefix) {
            return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }
    }
}
