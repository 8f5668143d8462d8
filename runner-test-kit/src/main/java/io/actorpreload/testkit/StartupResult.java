package io.actorpreload.testkit;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.avro.StartupRead;
import io.actorpreload.runner.KvPut;
import io.actorpreload.runner.PreloadMiss;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one start-up did, as {@link StartupDriver} saw it: every read and whether the preload
 * answered it, the reads that went to the store, the writes, and the KV round trips. Immutable.
 */
public final class StartupResult {
    /**
     * One start-up read.
     *
     * @param method            {@code GET} (a batch get of one key), {@code BATCH_GET} or {@code LIST_PREFIX}
     * @param key               the key read, or the prefix listed
     * @param answeredByPreload true when the preload answered it; false when it cost a KV round trip
     */
    public record Read(String method, byte[] key, boolean answeredByPreload) {
        public Read {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        /** The key as UTF-8 text, for assertions on readable keys. */
        public String keyText() {
            return new String(key, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + keyText() + (answeredByPreload ? " (preload)" : " (store)");
        }
    }

    private final StartActorCommand command;
    private final List<Read> reads;
    private final List<PreloadMiss> misses;
    private final int kvRoundTrips;
    private final long unusedPreloadedBytes;
    private final List<KvPut> puts;
    private final List<byte[]> deletes;

    StartupResult(
            StartActorCommand command,
            ActorStartReport report,
            List<PreloadMiss> misses,
            int kvRoundTrips,
            List<KvPut> puts,
            List<byte[]> deletes) {
        this.command = command;
        this.reads = report.getReads().stream().map(StartupResult::read).toList();
        this.misses = List.copyOf(misses);
        this.kvRoundTrips = kvRoundTrips;
        this.unusedPreloadedBytes = report.getUnusedPreloadedBytes();
        this.puts = List.copyOf(puts);
        this.deletes = deletes.stream().map(byte[]::clone).toList();
    }

    /** The command the actor started with. */
    public StartActorCommand command() {
        return command;
    }

    /** The command's preload status. */
    public PreloadStatus preloadStatus() {
        return command.getPreloadStatus();
    }

    /** Every start-up read, in order. */
    public List<Read> reads() {
        return reads;
    }

    /** The keys and prefixes read from the store (not answered by the preload), as UTF-8 text, in order. */
    public List<String> readFromStore() {
        return reads.stream()
                .filter(read -> !read.answeredByPreload())
                .map(Read::keyText)
                .toList();
    }

    /** The reads a preload could not answer, as {@code ActorStartup#misses()} reports them. */
    public List<PreloadMiss> misses() {
        return misses;
    }

    /** Calls the start-up made to the KV client, reads and writes (0 when the preload answered everything). */
    public int kvRoundTrips() {
        return kvRoundTrips;
    }

    /** Preloaded bytes no read touched: what a narrower manifest would save. */
    public long unusedPreloadedBytes() {
        return unusedPreloadedBytes;
    }

    /** Every key and value the start-up wrote, in order. */
    public List<KvPut> puts() {
        return puts;
    }

    /** Every key the start-up deleted, in order. */
    public List<byte[]> deletes() {
        return deletes.stream().map(byte[]::clone).toList();
    }

    private static Read read(StartupRead read) {
        ByteBuffer key = read.getKey().duplicate();
        byte[] bytes = new byte[key.remaining()];
        key.get(bytes);
        return new Read(read.getMethod().name(), bytes, read.getAnsweredByPreload());
    }

    @Override
    public String toString() {
        return "StartupResult[" + command.getActorId() + " " + preloadStatus() + ", reads " + reads + ", "
                + kvRoundTrips + " KV round trips, " + puts.size() + " puts, " + deletes.size() + " deletes]";
    }
}
