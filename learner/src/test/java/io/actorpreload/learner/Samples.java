package io.actorpreload.learner;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.ReadMethod;
import io.actorpreload.avro.StartupRead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test fixtures: start-up reports and samples written as short strings. */
final class Samples {
    private final List<StartupRead> reads = new ArrayList<>();

    static Samples start() {
        return new Samples();
    }

    static ByteKey key(String text) {
        return ByteKey.of(text.getBytes(StandardCharsets.UTF_8));
    }

    static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    Samples get(String key, long bytes) {
        reads.add(new StartupRead(ReadMethod.GET, buffer(key), false, bytes, bytes > 0 ? 1 : 0));
        return this;
    }

    Samples list(String prefix, long bytes) {
        reads.add(new StartupRead(ReadMethod.LIST_PREFIX, buffer(prefix), false, bytes, 1));
        return this;
    }

    ActorStartReport report(String actorName, String actorId) {
        return ActorStartReport.newBuilder()
                .setActorName(actorName)
                .setActorId(actorId)
                .setGeneration(1)
                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                .setReadRoundTrips(reads.size())
                .setReads(List.copyOf(reads))
                .build();
    }

    StartSample sample() {
        return StartSample.of(report("chat", "actor-1"));
    }
}
