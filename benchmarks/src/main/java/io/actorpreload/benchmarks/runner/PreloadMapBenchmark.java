package io.actorpreload.benchmarks.runner;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PrefixPreload;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.runner.PreloadedGet;
import io.actorpreload.runner.PreloadedListing;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PreloadMap} beside a {@code TreeMap<byte[], byte[]>} ordered by {@code Arrays::compareUnsigned},
 * both built from the same {@link PreloadedKv}: build time, get of a present key, get of a missing key
 * (under a complete prefix, so the map answers Absent), and listing one of the 10 prefixes.
 *
 * <p>Not like for like on purpose where the contract differs: the map answers Absent / NotPreloaded
 * where the TreeMap only says null, and its listing builds a {@code KvEntry} with metadata per
 * entry (sharing the map's bytes, not copying them); the TreeMap listing copies the value
 * references of a sub-map view into a list.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PreloadMapBenchmark {
    private static final int PREFIXES = 10;
    private static final int PROBES = 1024;

    @Param({"1000", "10000"})
    public int entries;

    private PreloadedKv preload;
    private PreloadMap map;
    private TreeMap<byte[], byte[]> treeMap;
    private byte[][] hits;
    private byte[][] misses;
    private byte[][] prefixes;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<PreloadEntry> list = new ArrayList<>(entries);
        prefixes = new byte[PREFIXES][];
        for (int p = 0; p < PREFIXES; p++) {
            prefixes[p] = new byte[] {'p', (byte) p};
        }
        for (int i = 0; i < entries; i++) {
            // Keys: prefix (2 bytes) + 4-byte big-endian index * 2, so odd indexes are missing keys.
            byte[] key = ByteBuffer.allocate(6)
                    .put(prefixes[i % PREFIXES])
                    .putInt((i / PREFIXES) * 2)
                    .array();
            byte[] value = new byte[100];
            random.nextBytes(value);
            list.add(new PreloadEntry(
                    ByteBuffer.wrap(key),
                    ByteBuffer.wrap(value),
                    new KvMetadata(ByteBuffer.wrap(new byte[8]), Instant.EPOCH)));
        }
        list.sort(
                (a, b) -> Arrays.compareUnsigned(a.getKey().array(), b.getKey().array()));
        List<PrefixPreload> requested = new ArrayList<>();
        for (byte[] prefix : prefixes) {
            requested.add(new PrefixPreload(ByteBuffer.wrap(prefix), true, null));
        }
        preload = new PreloadedKv(1L, list, List.of(), requested, 0L, null);
        map = PreloadMap.of(preload);
        treeMap = buildTreeMapFrom(preload);

        hits = new byte[PROBES][];
        misses = new byte[PROBES][];
        for (int i = 0; i < PROBES; i++) {
            byte[] hit = list.get(random.nextInt(entries)).getKey().array();
            hits[i] = hit;
            byte[] miss = hit.clone();
            miss[5] |= 1;
            misses[i] = miss;
        }
    }

    private static TreeMap<byte[], byte[]> buildTreeMapFrom(PreloadedKv preload) {
        TreeMap<byte[], byte[]> tree = new TreeMap<>(Arrays::compareUnsigned);
        for (PreloadEntry entry : preload.getEntries()) {
            tree.put(copy(entry.getKey()), copy(entry.getValue()));
        }
        return tree;
    }

    private static byte[] copy(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private byte[] probe(byte[][] keys) {
        return keys[next++ & (PROBES - 1)];
    }

    @Benchmark
    public PreloadMap buildPreloadMap() {
        return PreloadMap.of(preload);
    }

    @Benchmark
    public TreeMap<byte[], byte[]> buildTreeMap() {
        return buildTreeMapFrom(preload);
    }

    @Benchmark
    public PreloadedGet getHitPreloadMap() {
        return map.get(probe(hits));
    }

    @Benchmark
    public byte[] getHitTreeMap() {
        return treeMap.get(probe(hits));
    }

    @Benchmark
    public PreloadedGet getMissPreloadMap() {
        return map.get(probe(misses));
    }

    @Benchmark
    public byte[] getMissTreeMap() {
        return treeMap.get(probe(misses));
    }

    @Benchmark
    public PreloadedListing listPrefixPreloadMap() {
        return map.listPrefix(prefixes[next++ % PREFIXES]);
    }

    @Benchmark
    public List<byte[]> listPrefixTreeMap() {
        byte[] prefix = prefixes[next++ % PREFIXES];
        byte[] end = prefix.clone();
        end[end.length - 1]++;
        Map<byte[], byte[]> range = treeMap.subMap(prefix, true, end, false);
        return new ArrayList<>(range.values());
    }
}
