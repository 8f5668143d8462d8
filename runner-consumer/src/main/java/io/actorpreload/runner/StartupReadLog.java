package io.actorpreload.runner;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.ReadMethod;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.avro.StartupRead;
import io.actorpreload.runner.internals.ByteKeys;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One actor's start-up reads, as {@link StartupReadListener} hears them, turned into its
 * {@link ActorStartReport}. Sizes are counted as the preload counts an entry (key + value +
 * metadata version + 8 bytes), so a learner can budget with them directly. Keeps at most
 * {@value #MAX_READS} reads (the rest are counted in {@code readsDropped}), and the preloaded
 * entries it saw read, to say how many preloaded bytes no read touched. Not thread-safe: one
 * actor's start-up.
 */
final class StartupReadLog implements StartupReadListener {
    /** Reads kept per start-up; a start-up that reads more is reported with the first ones. */
    public static final int MAX_READS = 1_000;
    /** The preload's fixed cost of an entry beyond its key, value and version bytes. */
    static final int ENTRY_OVERHEAD_BYTES = 8;

    private final List<StartupRead> reads = new ArrayList<>();
    private final TreeMap<byte[], Long> preloadedRead = new TreeMap<>(ByteKeys.ORDER);
    private int dropped;

    @Override
    public void onRead(ReadMethod method, byte[] key, boolean answeredByPreload, List<KvEntry> returned) {
        long bytes = 0;
        for (KvEntry entry : returned) {
            long size = sizeOf(entry);
            bytes += size;
            if (answeredByPreload && entry.metadata().isPresent()) {
                preloadedRead.put(entry.key(), size);
            }
        }
        if (reads.size() >= MAX_READS) {
            dropped++;
            return;
        }
        reads.add(new StartupRead(method, ByteBuffer.wrap(key.clone()), answeredByPreload, bytes, returned.size()));
    }

    /** The reads kept so far, in the order made. */
    public List<StartupRead> reads() {
        return List.copyOf(reads);
    }

    /** Bytes of preloaded entries some read returned, each entry counted once. */
    long preloadedBytesRead() {
        return preloadedRead.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The report of this start-up.
     *
     * @param preloadedBytes the preload's {@code totalBytes} when the actor started with it, else 0
     * @param readRoundTrips the calls the reads made to the store
     */
    public ActorStartReport report(StartActorCommand command, long preloadedBytes, int readRoundTrips) {
        return ActorStartReport.newBuilder()
                .setActorName(command.getActorName())
                .setActorId(command.getActorId())
                .setGeneration(command.getGeneration())
                .setRunnerId(command.getRunnerId())
                .setPreloadStatus(command.getPreloadStatus())
                .setPreloadedBytes(preloadedBytes)
                .setReadRoundTrips(readRoundTrips)
                .setUnusedPreloadedBytes(Math.max(0, preloadedBytes - preloadedBytesRead()))
                .setReads(List.copyOf(reads))
                .setReadsDropped(dropped)
                .build();
    }

    /** The preload's size of an entry: key + value + metadata version + 8 (docs/ARCHITECTURE.md, "The preload"). */
    static long sizeOf(KvEntry entry) {
        int version = entry.metadata().map(m -> m.version().length).orElse(0);
        return (long) entry.keyView().remaining() + entry.valueView().remaining() + version + ENTRY_OVERHEAD_BYTES;
    }
}
