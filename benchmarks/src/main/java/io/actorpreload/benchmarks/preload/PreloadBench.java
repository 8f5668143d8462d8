package io.actorpreload.benchmarks.preload;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One preload of a typical actor on RocksDB, beside the same reads done one key at a time outside
 * a snapshot (what an actor does without a preload). The actor: 4 KiB persisted state (a get-key),
 * 20 connection entries of 512 B (prefix {@code conn/}), {@link #pages} SQLite pages of 4 KiB
 * (prefix {@code sqlite/}): 64 (256 KiB), or 2 (a preload of about 22 KiB, where the fixed cost
 * of each range read shows, as at e2e's 16 KiB); budget 1 MiB, so everything fits. The store is local and warm, so this
 * measures the preload's own cost, not network round trips (which the preload exists to save).
 * Bytes per second = preloaded bytes (printed at setup) / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreloadBench {
    private static final String ACTOR = "actor-typical";
    private static final long BUDGET = 1024 * 1024;

    private Path directory;
    private RocksDbPreloadStore store;
    private Preloader preloader;
    private ActorKvReader reader;
    private PreloadManifest manifest;
    private List<byte[]> keys;

    /** The actor's SQLite pages of 4 KiB. */
    @Param({"64", "2"})
    public int pages;

    @Setup
    public void seed() throws IOException {
        directory = Files.createTempDirectory("preload-bench");
        store = RocksDbPreloadStore.open(directory);
        Random random = new Random(42);
        List<KvRecord> records = new ArrayList<>();
        records.add(record(bytes("state"), 4096, random));
        for (int i = 0; i < 20; i++) {
            records.add(record(bytes(String.format("conn/%02d", i)), 512, random));
        }
        for (int page = 0; page < pages; page++) {
            records.add(record(
                    ByteBuffer.allocate(11).put(bytes("sqlite/")).putInt(page).array(), 4096, random));
        }
        new ActorKvWriter(store).put(ACTOR, records);
        keys = records.stream().map(KvRecord::key).toList();
        manifest = new PreloadManifest(
                "typical",
                new ArrayList<>(List.of(ByteBuffer.wrap(bytes("state")))),
                new ArrayList<>(List.of(
                        new PrefixRequest(ByteBuffer.wrap(bytes("conn/")), BUDGET, false),
                        new PrefixRequest(ByteBuffer.wrap(bytes("sqlite/")), BUDGET, true))),
                BUDGET,
                null,
                null);
        preloader = new Preloader(store, new PreloadSettings(BUDGET, PreloadSettings.DEFAULT_DEADLINE));
        reader = new ActorKvReader(store);
        PreloadOutcome outcome = preloader.preload(ACTOR, manifest);
        if (outcome.status() != PreloadStatus.PRELOADED
                || outcome.preloadedKv().orElseThrow().getEntries().size() != keys.size()) {
            throw new IllegalStateException("The typical actor did not preload whole: " + outcome);
        }
        System.out.println("# preloaded entries=" + keys.size() + " totalBytes="
                + outcome.preloadedKv().orElseThrow().getTotalBytes());
    }

    /** The budgeted snapshot preload: one snapshot, concurrent get-keys, bounded prefix scans. */
    @Benchmark
    public PreloadOutcome snapshotPreload() {
        return preloader.preload(ACTOR, manifest);
    }

    /** The baseline: each key read on its own, latest state, no shared snapshot. */
    @Benchmark
    public void keyByKeyBaseline(Blackhole blackhole) {
        for (byte[] key : keys) {
            blackhole.consume(reader.get(ACTOR, key).orElseThrow());
        }
    }

    @TearDown
    public void close() throws IOException {
        store.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static KvRecord record(byte[] key, int length, Random random) {
        byte[] value = new byte[length];
        random.nextBytes(value);
        return new KvRecord(key, value, bytes("v1"), Instant.ofEpochMilli(1_700_000_000_000L));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
