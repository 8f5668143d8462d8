package io.actorpreload.runner.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ByteKeysTest {
    @Test
    void shouldSearchLikeArraysBinarySearchInUnsignedOrder() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            TreeSet<byte[]> set = new TreeSet<>(ByteKeys.ORDER);
            for (int n = random.nextInt(40); n > 0; n--) {
                set.add(key(random));
            }
            byte[][] sorted = set.toArray(new byte[0][]);
            for (int probe = 0; probe < 50; probe++) {
                byte[] key = probe % 3 == 0 && sorted.length > 0
                        ? sorted[random.nextInt(sorted.length)].clone()
                        : key(random);

                int expected = Arrays.binarySearch(sorted, key, ByteKeys.ORDER);

                assertThat(ByteKeys.search(sorted, key))
                        .as("key %s in %s", Arrays.toString(key), sorted.length)
                        .isEqualTo(expected);
                assertThat(ByteKeys.search(sorted, key) >= 0).isEqualTo(expected >= 0);
                assertThat(ByteKeys.lowerBound(sorted, key)).isEqualTo(expected >= 0 ? expected : -expected - 1);
            }
        }
    }

    /** 0-3 bytes, high bytes included, so that unsigned order and proper prefixes matter. */
    private static byte[] key(Random random) {
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (random.nextBoolean() ? random.nextInt(3) : 0xFE + random.nextInt(2));
        }
        return key;
    }
}
