package io.actorpreload.testkit;

import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.KvPut;
import io.actorpreload.runner.ValueMetadata;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A runner's KV client for one actor, over the same {@code PreloadStore} the preload reads, in the
 * project's key layout: what a start-up talks to for whatever its preload does not answer (in
 * production, the runner's own client of its store). Every call is one round trip, counted. Not
 * thread-safe: one actor's start-up at a time.
 */
public final class StoreKvClient implements KvClient {
    private final String actorId;
    private final ActorKvReader reader;
    private final ActorKvWriter writer;
    private final Clock clock;
    private int roundTrips;

    /** A client of {@code actorId}'s keys; writes get the {@code clock}'s time as version and timestamp. */
    public StoreKvClient(String actorId, ActorKvReader reader, ActorKvWriter writer, Clock clock) {
        this.actorId = actorId;
        this.reader = reader;
        this.writer = writer;
        this.clock = clock;
    }

    /** The calls made so far. */
    public int roundTrips() {
        return roundTrips;
    }

    @Override
    public List<KvEntry> batchGet(List<byte[]> keys) {
        roundTrips++;
        List<KvEntry> found = new ArrayList<>();
        for (byte[] key : keys) {
            reader.get(actorId, key).map(StoreKvClient::entry).ifPresent(found::add);
        }
        return found;
    }

    @Override
    public List<KvEntry> listPrefix(byte[] prefix) {
        roundTrips++;
        return reader.list(actorId, prefix).stream().map(StoreKvClient::entry).toList();
    }

    @Override
    public void batchPut(List<KvPut> puts) {
        roundTrips++;
        byte[] version = ByteBuffer.allocate(Long.BYTES).putLong(clock.millis()).array();
        writer.put(
                actorId,
                puts.stream()
                        .map(put -> new KvRecord(put.key(), put.value(), version, clock.instant()))
                        .toList());
    }

    @Override
    public void batchDelete(List<byte[]> keys) {
        roundTrips++;
        writer.delete(actorId, keys);
    }

    private static KvEntry entry(KvRecord record) {
        return new KvEntry(
                record.key(), record.value(), Optional.of(new ValueMetadata(record.version(), record.updateTs())));
    }
}
