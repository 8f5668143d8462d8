package io.actorpreload.preload;

import static org.assertj.core.api.Assertions.assertThat;

import com.apple.foundationdb.tuple.ByteArrayUtil;
import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.store.Mutation;
import io.actorpreload.preload.store.PreloadStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The preload on a real store equals {@link ReferencePreloadModel} for random actors, manifests and
 * budgets, built from adversarial keys (the empty key, 0x00 and 0xFF at every position), values
 * around and beyond one chunk, and a neighbour actor whose id extends this one's ({@code a1} /
 * {@code a10}) holding keys under the same prefixes. A subclass per driver opens the store; each
 * scenario runs under a root of its own, wiped afterwards. jqwik prints each property's seed;
 * replay a failure with {@code @Property(seed = "...")}.
 */
public abstract class PreloaderProperties {
    private static final String ACTOR = "a1";
    private static final List<String> NEIGHBOURS = List.of("a10", "a", "a1\u0000");

    private PreloadStore store;
    private KeyLayout layout;

    /** Opens a store of the driver under test whose rows lie under {@code layout}'s root. */
    protected abstract PreloadStore openStore(KeyLayout layout) throws Exception;

    @BeforeTry
    void openStoreUnderAFreshRoot() throws Exception {
        layout = KeyLayout.withRoot(com.apple.foundationdb.tuple.Tuple.from(
                "model", UUID.randomUUID().toString()));
        store = openStore(layout);
    }

    @AfterTry
    void wipeAndCloseStore() {
        byte[] root = layout.root().pack();
        store.write(
                        List.of(new Mutation.ClearRange(root, ByteArrayUtil.strinc(root))),
                        Instant.now().plusSeconds(60))
                .join();
        store.close();
    }

    record Case(List<KvRecord> actorKeys, List<KvRecord> neighbourKeys, PreloadManifest manifest, long globalBudget) {}

    @Property(tries = 300)
    void preloadEqualsTheModelStaysInBudgetAndInTheActor(@ForAll("cases") Case c) {
        ActorKvWriter writer = new ActorKvWriter(store);
        writer.put(ACTOR, c.actorKeys());
        NEIGHBOURS.forEach(neighbour -> writer.put(neighbour, c.neighbourKeys()));

        PreloadOutcome outcome = new Preloader(store, new PreloadSettings(c.globalBudget(), Duration.ofSeconds(30)))
                .preload(ACTOR, c.manifest());

        if (c.manifest().getMaxTotalBytes() == 0) {
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(PreloadStatus.DISABLED);
            return;
        }
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(PreloadStatus.PRELOADED);
        PreloadedKv result = outcome.preloadedKv().orElseThrow();
        assertThat(ReferencePreloadModel.withoutReadVersion(result))
                .isEqualTo(ReferencePreloadModel.expected(c.actorKeys(), c.manifest(), c.globalBudget()));
        assertThat(result.getTotalBytes())
                .isLessThanOrEqualTo(Math.min(c.globalBudget(), c.manifest().getMaxTotalBytes()));
        TreeMap<byte[], byte[]> own = new TreeMap<>(Arrays::compareUnsigned);
        c.actorKeys().forEach(record -> own.put(record.key(), record.value()));
        for (PreloadEntry entry : result.getEntries()) {
            byte[] key = TestData.keysOf(List.of(entry.getKey())).get(0);
            assertThat(own).containsKey(key);
            assertThat(entry.getValue()).isEqualTo(ByteBuffer.wrap(own.get(key)));
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<KvRecord>> records = record().list().ofMaxSize(12);
        Arbitrary<PreloadManifest> manifests = Combinators.combine(
                        key().list().ofMaxSize(5),
                        prefixRequest().list().ofMaxSize(4),
                        Arbitraries.of(0L, 20L, 100L, 500L, 5_000L, 30_000L, 1L << 20))
                .as((getKeys, prefixes, maxTotal) ->
                        new PreloadManifest("type", wrap(getKeys), prefixes, maxTotal, null, null));
        return Combinators.combine(records, records, manifests, Arbitraries.of(1L, 50L, 1_000L, 30_000L, 1L << 20))
                .as(Case::new);
    }

    /** Keys of up to 3 bytes from a small alphabet, so get-keys, prefixes and stored keys often meet. */
    private static Arbitrary<byte[]> key() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0x61, (byte) 0xFE, (byte) 0xFF)
                .list()
                .ofMaxSize(3)
                .map(PreloaderProperties::toBytes);
    }

    private static Arbitrary<KvRecord> record() {
        Arbitrary<Integer> valueLength = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 60)),
                Tuple.of(2, Arbitraries.integers().between(9_995, 10_005)),
                Tuple.of(1, Arbitraries.integers().between(20_001, 30_000)));
        Arbitrary<byte[]> version = Arbitraries.bytes().list().ofMaxSize(3).map(PreloaderProperties::toBytes);
        return Combinators.combine(
                        key(),
                        valueLength,
                        Arbitraries.integers().between(0, 255),
                        version,
                        Arbitraries.longs().between(0, 4_000_000_000_000L))
                .as((key, length, seed, v, ts) ->
                        new KvRecord(key, TestData.filled(length, seed), v, Instant.ofEpochMilli(ts)));
    }

    private static Arbitrary<PrefixRequest> prefixRequest() {
        Arbitrary<byte[]> prefix = key().filter(bytes -> bytes.length <= 2);
        return Combinators.combine(
                        prefix,
                        Arbitraries.of(0L, 10L, 50L, 100L, 1_000L, 10_100L, 30_000L, 1L << 20),
                        Arbitraries.of(true, false))
                .as((p, max, partial) -> new PrefixRequest(ByteBuffer.wrap(p), max, partial));
    }

    private static List<ByteBuffer> wrap(List<byte[]> keys) {
        List<ByteBuffer> buffers = new ArrayList<>();
        keys.forEach(key -> buffers.add(ByteBuffer.wrap(key)));
        return buffers;
    }

    private static byte[] toBytes(List<Byte> list) {
        byte[] bytes = new byte[list.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
        }
        return bytes;
    }
}
