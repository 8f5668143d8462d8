package io.actorpreload.preload.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apple.foundationdb.tuple.Tuple;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TupleFastPath} against the tuple layer's own decoder, the reference: every row key and
 * metadata value the layout writes takes the fast path and decodes to what the tuple layer reads,
 * and any other bytes (a byte changed, removed or repeated; other tuples) either decode the same or
 * are left to the tuple layer, which reads or refuses them as before.
 */
class TupleFastPathProperties {
    private static final String ACTOR = "actor-1";
    private static final byte[] KEY = {'k'};
    private final KeyLayout layout = KeyLayout.defaultLayout();
    private final byte[] actorPrefix = layout.actorPrefix(ACTOR);

    @Provide
    Arbitrary<byte[]> keys() {
        // The bytes the tuple layer escapes or that end its strings, and their neighbours.
        return Arbitraries.of(
                        (byte) 0x00,
                        (byte) 0x01,
                        (byte) 0x05,
                        (byte) 0x14,
                        (byte) 0x15,
                        (byte) 0x61,
                        (byte) 0xFE,
                        (byte) 0xFF)
                .array(byte[].class)
                .ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> chunkIndexes() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300), Arbitraries.integers().between(0, Integer.MAX_VALUE));
    }

    @Property(tries = 3000)
    void shouldReadEveryRowKeyTheLayoutWritesAsTheTupleLayerDoes(
            @ForAll("keys") byte[] userKey, @ForAll("chunkIndexes") int chunkIndex) {
        for (byte[] rowKey :
                new byte[][] {layout.metadataKey(ACTOR, userKey), layout.chunkKey(ACTOR, userKey, chunkIndex)}) {
            StoredRowKey fast = TupleFastPath.rowKey(rowKey, actorPrefix.length);

            assertThat(fast)
                    .as("the fast path reads every key the layout writes")
                    .isNotNull();
            assertSame(fast, layout.decodeRowKeyWithTupleLayer(actorPrefix, rowKey));
        }
    }

    @Provide
    Arbitrary<byte[]> otherRowKeys() {
        Arbitrary<byte[]> written = Combinators.combine(keys(), chunkIndexes(), Arbitraries.of(true, false))
                .as((key, index, metadata) ->
                        metadata ? layout.metadataKey(ACTOR, key) : layout.chunkKey(ACTOR, key, index));
        Arbitrary<byte[]> changed = Combinators.combine(
                        written,
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(0, 2))
                .as((rowKey, at, to, how) -> change(rowKey, actorPrefix.length, at, to, how));
        Arbitrary<byte[]> otherTuples = Combinators.combine(
                        Arbitraries.of(
                                Tuple.from(Tuple.from((Object) new byte[] {1})),
                                Tuple.from(Tuple.from(new byte[] {1}, null), 1L, 2L),
                                Tuple.from(Tuple.from((Object) new byte[] {1}), 1L, -2L),
                                Tuple.from(Tuple.from((Object) new byte[] {1}), 1L, 1L << 40),
                                Tuple.from(Tuple.from((Object) new byte[] {1}), 2L, 0L),
                                Tuple.from(Tuple.from((Object) new byte[] {1}), 0L, 0L),
                                Tuple.from(Tuple.from("text"), 0L),
                                Tuple.from(new byte[] {1}, 0L)),
                        Arbitraries.just(0))
                .as((tuple, unused) -> concat(actorPrefix, tuple.pack()));
        return Arbitraries.oneOf(changed, otherTuples);
    }

    @Property(tries = 5000)
    void shouldReadAnyOtherBytesAsTheTupleLayerDoesOrLeaveThemToIt(@ForAll("otherRowKeys") byte[] rowKey) {
        assertSameOrLeftToTheTupleLayer(
                TupleFastPath.rowKey(rowKey, actorPrefix.length),
                () -> layout.decodeRowKeyWithTupleLayer(actorPrefix, rowKey),
                TupleFastPathProperties::assertSame,
                rowKey);
    }

    @Provide
    Arbitrary<StoredMetadata> metadata() {
        return Combinators.combine(
                        keys(),
                        Arbitraries.oneOf(
                                Arbitraries.longs().between(0, 4_000_000_000_000L),
                                Arbitraries.longs().greaterOrEqual(0)),
                        Arbitraries.oneOf(
                                Arbitraries.longs().between(0, 2_000_000),
                                Arbitraries.longs().greaterOrEqual(0)))
                .as(StoredMetadata::new);
    }

    @Property(tries = 3000)
    void shouldReadEveryMetadataValueTheLayoutWritesAsTheTupleLayerDoes(@ForAll("metadata") StoredMetadata metadata) {
        byte[] value = layout.encodeMetadata(metadata);
        StoredMetadata fast = TupleFastPath.metadata(value);

        assertThat(fast).as("the fast path reads every value the layout writes").isNotNull();
        assertSame(fast, layout.decodeMetadataWithTupleLayer(KEY, value));
    }

    @Provide
    Arbitrary<byte[]> otherMetadataValues() {
        Arbitrary<byte[]> changed = Combinators.combine(
                        metadata().map(layout::encodeMetadata),
                        Arbitraries.integers().between(0, 1000),
                        Arbitraries.bytes(),
                        Arbitraries.integers().between(0, 2))
                .as((value, at, to, how) -> change(value, 0, at, to, how));
        Arbitrary<byte[]> otherTuples = Arbitraries.of(
                        Tuple.from(new byte[] {1}, -5L, 3L),
                        Tuple.from(new byte[] {1}, 5L, -3L),
                        Tuple.from(new byte[] {1}, 5L),
                        Tuple.from(new byte[] {1}, 5L, 3L, 4L),
                        Tuple.from("text", 5L, 3L),
                        Tuple.from(new byte[] {1}, new java.math.BigInteger("18446744073709551615"), 3L))
                .map(Tuple::pack);
        return Arbitraries.oneOf(changed, otherTuples);
    }

    @Property(tries = 5000)
    void shouldReadAnyOtherMetadataValueAsTheTupleLayerDoesOrLeaveItToIt(@ForAll("otherMetadataValues") byte[] value) {
        assertSameOrLeftToTheTupleLayer(
                TupleFastPath.metadata(value),
                () -> layout.decodeMetadataWithTupleLayer(KEY, value),
                TupleFastPathProperties::assertSame,
                value);
    }

    /** {@code fast} is null (the tuple layer decides, as before the fast path) or what the tuple layer reads. */
    private static <T> void assertSameOrLeftToTheTupleLayer(
            T fast, Supplier<T> tupleLayer, BiConsumer<T, T> assertSame, byte[] bytes) {
        if (fast == null) {
            return;
        }
        T expected;
        try {
            expected = tupleLayer.get();
        } catch (CorruptDataException e) {
            throw new AssertionError(
                    "the fast path read " + fast + " from bytes the tuple layer refuses: " + Arrays.toString(bytes), e);
        }
        assertSame.accept(fast, expected);
    }

    @Property(tries = 200)
    void shouldStillRefuseWhatTheTupleLayerRefuses(@ForAll("keys") byte[] userKey) {
        byte[] rowKey = layout.metadataKey(ACTOR, userKey);
        byte[] cut = Arrays.copyOf(rowKey, rowKey.length - 1);

        assertThatThrownBy(() -> layout.decodeRowKey(actorPrefix, cut)).isInstanceOf(CorruptDataException.class);
    }

    private static void assertSame(StoredMetadata actual, StoredMetadata expected) {
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.updateTsMillis()).isEqualTo(expected.updateTsMillis());
        assertThat(actual.valueLength()).isEqualTo(expected.valueLength());
    }

    private static void assertSame(StoredRowKey actual, StoredRowKey expected) {
        assertThat(actual.userKey()).isEqualTo(expected.userKey());
        assertThat(actual.metadata()).isEqualTo(expected.metadata());
        assertThat(actual.chunkIndex()).isEqualTo(expected.chunkIndex());
    }

    /** {@code bytes} with the byte at {@code at} (at or past {@code from}) set, removed or repeated. */
    private static byte[] change(byte[] bytes, int from, int at, byte to, int how) {
        int i = from + at % (bytes.length - from);
        return switch (how) {
            case 0 -> {
                byte[] changed = bytes.clone();
                changed[i] = to;
                yield changed;
            }
            case 1 -> concat(Arrays.copyOf(bytes, i), Arrays.copyOfRange(bytes, i + 1, bytes.length));
            default -> concat(Arrays.copyOf(bytes, i + 1), Arrays.copyOfRange(bytes, i, bytes.length));
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
