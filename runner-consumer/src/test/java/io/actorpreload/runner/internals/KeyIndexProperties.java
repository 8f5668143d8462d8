package io.actorpreload.runner.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link KeyIndex} against a linear scan. Keys come from a few byte values (zeros and high bytes
 * included, so that keys differing only in length or trailing zeros must stay apart), often share
 * a long prefix, and run from empty past 16 bytes (both the 8-byte and the 4-byte steps of the
 * hash). The hash masks force collisions: 0 gives every key the same slot and fingerprint, the
 * others the same slot or the same fingerprint. jqwik prints the seed of a failing run.
 */
class KeyIndexProperties {
    private static final byte[] ALPHABET = {0x00, 0x01, 0x61, 0x7F, (byte) 0x80, (byte) 0xFF};
    private static final byte[] SHARED = "actor-42/state/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Provide
    Arbitrary<byte[]> keys() {
        Arbitrary<byte[]> tail = Arbitraries.of(
                        ALPHABET[0], ALPHABET[1], ALPHABET[2], ALPHABET[3], ALPHABET[4], ALPHABET[5])
                .list()
                .ofMaxSize(20)
                .map(KeyIndexProperties::bytes);
        return Combinators.combine(Arbitraries.integers().between(0, SHARED.length), tail)
                .as((shared, rest) -> concat(Arrays.copyOf(SHARED, shared), rest));
    }

    @Provide
    Arbitrary<Long> hashMasks() {
        return Arbitraries.of(-1L, 0L, 0xFFFF_FFFFL, 0xFFFF_FFFF_0000_0000L, 0x0000_0003_0000_0003L);
    }

    @Property(tries = 500)
    void shouldFindEveryKeyAtItsFirstIndexAndNothingElse(
            @ForAll("keyLists") List<byte[]> keyList,
            @ForAll("probeLists") List<byte[]> otherProbes,
            @ForAll("hashMasks") long hashMask) {
        byte[][] keys = keyList.toArray(new byte[0][]);
        KeyIndex index = hashMask == -1L ? KeyIndex.of(keys) : KeyIndex.withHashMask(keys, hashMask);

        List<byte[]> probes = new ArrayList<>(otherProbes);
        for (byte[] key : keys) {
            probes.add(key.clone());
            probes.add(concat(key, new byte[] {0}));
            if (key.length > 0) {
                probes.add(Arrays.copyOf(key, key.length - 1));
            }
        }
        for (byte[] probe : probes) {
            int expected = firstIndexOf(keys, probe);
            assertThat(index.indexOf(probe))
                    .as("indexOf(%s) among %d keys, hash mask %x", Arrays.toString(probe), keys.length, hashMask)
                    .isEqualTo(expected);
            assertThat(index.indexOf(probe, KeyIndex.hash(probe))).isEqualTo(expected);
        }
        assertThat(index.size()).isEqualTo((int)
                keyList.stream().map(ByteString::new).distinct().count());
    }

    @Provide
    Arbitrary<List<byte[]>> keyLists() {
        // Up to 300 keys: tables of several sizes, wrap-around of the probe sequence, duplicates.
        return keys().list().ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<byte[]>> probeLists() {
        return keys().list().ofMaxSize(20);
    }

    @Example
    void shouldTellApartKeysThatDifferOnlyInLengthOrTrailingZeros() {
        byte[][] keys = {{}, {0}, {0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 0}};
        KeyIndex index = KeyIndex.of(keys);

        for (int i = 0; i < keys.length; i++) {
            assertThat(index.indexOf(keys[i].clone())).isEqualTo(i);
        }
        assertThat(index.indexOf(new byte[3])).isEqualTo(-1);
        assertThat(KeyIndex.of(new byte[0][]).indexOf(new byte[0])).isEqualTo(-1);
    }

    private static int firstIndexOf(byte[][] keys, byte[] key) {
        for (int i = 0; i < keys.length; i++) {
            if (Arrays.equals(keys[i], key)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] bytes(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A byte[] with value equality, to count distinct keys. */
    private record ByteString(byte[] bytes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ByteString that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
