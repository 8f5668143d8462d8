package io.actorpreload.preload.layout;

import static io.actorpreload.preload.TestData.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import com.apple.foundationdb.tuple.Tuple;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
    private final KeyLayout layout = KeyLayout.defaultLayout();

    @Test
    void shouldEndAPrefixRangeAtStrincOfItsBegin() {
        KeyRange range = layout.prefixRange("a1", bytes("conn/"));
        byte[] packed = layout.actorPrefix("a1");

        assertThat(range.end()).isEqualTo(ByteArrayUtil.strinc(range.begin()));
        assertThat(Arrays.copyOf(range.begin(), packed.length)).isEqualTo(packed);
        assertThat(range.begin()).isEqualTo(ByteArrayUtil.join(packed, bytes(0x05, 0x01), bytes("conn/")));
    }

    @Test
    void shouldIncludeKeysWhoseNextByteIs0xFfThatBeginPlus0xFfWouldMiss() {
        KeyRange range = layout.prefixRange("a1", bytes("p"));
        byte[] rowOfNextByteFf = layout.chunkKey("a1", bytes(0x70, 0xFF, 0x10), 0);

        assertThat(range.contains(rowOfNextByteFf)).isTrue();
        assertThat(ByteArrayUtil.compareUnsigned(rowOfNextByteFf, ByteArrayUtil.join(range.begin(), bytes(0xFF))))
                .isPositive();
    }

    @Test
    void shouldCoverTheKeyEqualToThePrefixAndPrefixesEndingIn0x00Or0xFf() {
        for (byte[] prefix :
                new byte[][] {bytes(0x00), bytes(0xFF), bytes(0x61, 0x00), bytes(0xFF, 0xFF), new byte[0]}) {
            KeyRange range = layout.prefixRange("a1", prefix);
            assertThat(range.contains(layout.metadataKey("a1", prefix)))
                    .as(ByteArrayUtil.printable(prefix))
                    .isTrue();
            assertThat(range.contains(layout.chunkKey("a1", ByteArrayUtil.join(prefix, bytes(0x00)), 3)))
                    .isTrue();
            assertThat(range.contains(layout.chunkKey("a1", ByteArrayUtil.join(prefix, bytes(0xFF)), 0)))
                    .isTrue();
        }
    }

    @Test
    void shouldKeepActorsWhoseIdsPrefixEachOtherApart() {
        for (String other : new String[] {"a10", "a1\u0000", "a", "a1 "}) {
            assertThat(layout.actorRange("a1").contains(layout.metadataKey(other, new byte[0])))
                    .as(other)
                    .isFalse();
            assertThat(layout.prefixRange("a1", new byte[0]).contains(layout.metadataKey(other, bytes(0xFF))))
                    .as(other)
                    .isFalse();
            assertThat(layout.actorRange(other).contains(layout.metadataKey("a1", new byte[0])))
                    .as(other)
                    .isFalse();
        }
        assertThat(layout.actorRange("a1").contains(layout.chunkKey("a1", bytes(0xFF, 0xFF), 7)))
                .isTrue();
    }

    @Test
    void shouldKeepLayoutsWithDifferentRootsApart() {
        KeyLayout other = KeyLayout.withRoot(Tuple.from("other"));
        assertThat(layout.actorRange("a1").contains(other.metadataKey("a1", bytes("k"))))
                .isFalse();
    }

    @Test
    void shouldKeepTheRowsOfOneKeyApartFromKeysItPrefixes() {
        KeyRange rows = layout.userKeyRows("a1", bytes("k"));
        assertThat(rows.contains(layout.metadataKey("a1", bytes("k")))).isTrue();
        assertThat(rows.contains(layout.chunkKey("a1", bytes("k"), 0))).isTrue();
        assertThat(rows.contains(layout.metadataKey("a1", bytes(0x6B, 0x00)))).isFalse();
        assertThat(rows.contains(layout.metadataKey("a1", bytes(0x6B, 0xFF)))).isFalse();
    }

    @Test
    void shouldSortTheMetadataRowBeforeTheChunks() {
        assertThat(ByteArrayUtil.compareUnsigned(
                        layout.metadataKey("a1", bytes("k")), layout.chunkKey("a1", bytes("k"), 0)))
                .isNegative();
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        byte[] key = bytes(0x00, 0xFF, 0x00);
        StoredRowKey metadata = layout.decodeRowKey(layout.actorPrefix("a1"), layout.metadataKey("a1", key));
        StoredRowKey chunk = layout.decodeRowKey(layout.actorPrefix("a1"), layout.chunkKey("a1", key, 12));
        StoredMetadata stored =
                layout.decodeMetadata(key, layout.encodeMetadata(new StoredMetadata(bytes(0x00, 0x01), -5, 25_000)));

        assertThat(metadata.userKey()).isEqualTo(key);
        assertThat(metadata.metadata()).isTrue();
        assertThat(chunk.chunkIndex()).isEqualTo(12);
        assertThat(chunk.metadata()).isFalse();
        assertThat(stored.version()).isEqualTo(bytes(0x00, 0x01));
        assertThat(stored.updateTsMillis()).isEqualTo(-5);
        assertThat(stored.valueLength()).isEqualTo(25_000);
    }

    @Test
    void shouldRejectRowsThatAreNotOfTheLayout() {
        byte[] actor = layout.actorPrefix("a1");
        assertThatThrownBy(() -> layout.decodeRowKey(actor, layout.metadataKey("a10", bytes("k"))))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("outside the actor subspace");
        assertThatThrownBy(() -> layout.decodeRowKey(
                        actor, ByteArrayUtil.join(actor, Tuple.from("k", 0L).pack())))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("neither");
        assertThatThrownBy(() -> layout.decodeRowKey(actor, ByteArrayUtil.join(actor, bytes(0x05, 0x01))))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("Cannot decode");
        assertThatThrownBy(() -> layout.decodeMetadata(
                        bytes("k"), Tuple.from(bytes("v"), 1L).pack()))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("Metadata of key");
    }

    @Test
    void shouldCountChunksOfAtMostTenThousandBytes() {
        assertThat(KeyLayout.chunkCount(0)).isZero();
        assertThat(KeyLayout.chunkCount(1)).isEqualTo(1);
        assertThat(KeyLayout.chunkCount(10_000)).isEqualTo(1);
        assertThat(KeyLayout.chunkCount(10_001)).isEqualTo(2);
    }
}
