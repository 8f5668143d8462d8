package io.actorpreload.preload.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The prefix range holds exactly the rows of the keys that start with the prefix, for keys and
 * prefixes made of the bytes that break naive encodings (0x00, 0xFF and their neighbours).
 * jqwik prints each property's seed; replay one with {@code @Property(seed = "...")}.
 */
class KeyLayoutProperties {
    private final KeyLayout layout = KeyLayout.defaultLayout();

    @Provide
    Arbitrary<byte[]> adversarialBytes() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x02, (byte) 0x61, (byte) 0xFE, (byte) 0xFF)
                .list()
                .ofMaxSize(5)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }

    @Property(tries = 2000)
    void prefixRangeHoldsExactlyTheRowsOfKeysWithThePrefix(
            @ForAll("adversarialBytes") byte[] prefix, @ForAll("adversarialBytes") byte[] key) {
        KeyRange range = layout.prefixRange("a1", prefix);
        boolean startsWith =
                key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);

        assertThat(range.contains(layout.metadataKey("a1", key))).isEqualTo(startsWith);
        assertThat(range.contains(layout.chunkKey("a1", key, 0))).isEqualTo(startsWith);
        assertThat(range.contains(layout.chunkKey("a1", key, 99))).isEqualTo(startsWith);
        assertThat(range.contains(layout.metadataKey("a10", key))).isFalse();
        assertThat(range.contains(layout.metadataKey("a", key))).isFalse();
    }

    @Property(tries = 1000)
    void userKeyRowsHoldOnlyThatKey(@ForAll("adversarialBytes") byte[] key, @ForAll("adversarialBytes") byte[] other) {
        KeyRange rows = layout.userKeyRows("a1", key);
        assertThat(rows.contains(layout.metadataKey("a1", other))).isEqualTo(Arrays.equals(key, other));
        assertThat(rows.contains(layout.chunkKey("a1", other, 1))).isEqualTo(Arrays.equals(key, other));
    }
}
