package io.actorpreload.benchmarks.e2e;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.demo.StartupReads;
import io.actorpreload.runner.ActorKvClients;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.ActorStartupHandler;
import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.KvPut;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark runner's start-up of an actor: makes the actor's {@link StartupReads} through the
 * start-up's KV view over the command's preload (as a real runner would), then records the
 * arrival with the current {@link ScenarioRecorder}. The KV client behind the view answers nothing
 * ({@link #kvClients()}): the store belongs to the topology's process. Every shape fits the budget,
 * so no read of theirs should reach it; the demo's mix ({@link Workload#DEMO_MIX}) makes the reads
 * its kinds leave to the store. Thread-safe (the recorder is swapped between scenarios).
 */
final class MeasuringHandler implements ActorStartupHandler {
    private static final KvClient EMPTY = new EmptyKvClient();
    private final AtomicReference<ScenarioRecorder> recorder = new AtomicReference<>(new ScenarioRecorder(0));

    /** From now on arrivals are recorded with {@code next}. */
    void recordWith(ScenarioRecorder next) {
        recorder.set(next);
    }

    /** The runner's store: one client for every actor, with nothing in it. */
    ActorKvClients kvClients() {
        return actorId -> EMPTY;
    }

    @Override
    public void start(ActorStartup startup) {
        StartActorCommand command = startup.command();
        StartupReads.readAll(startup.kv());
        PreloadedKv preloaded = command.getPreloadedKv();
        long bytes = preloaded == null ? 0 : preloaded.getTotalBytes();
        OptionalLong readAt = preloaded == null || preloaded.getPreloadedAt() == null
                ? OptionalLong.empty()
                : OptionalLong.of(preloaded.getPreloadedAt().toEpochMilli());
        recorder.get()
                .received(
                        command.getActorId(),
                        command.getGeneration(),
                        bytes,
                        command.getPreloadStatus() == PreloadStatus.PRELOADED,
                        startup.kvRoundTrips(),
                        command.getRequestedAt().toEpochMilli(),
                        readAt);
    }

    /** A KV client with nothing in it (the start-up counts its round trips). */
    private static final class EmptyKvClient implements KvClient {
        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            return List.of();
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            return List.of();
        }

        @Override
        public void batchPut(List<KvPut> puts) {}

        @Override
        public void batchDelete(List<byte[]> keys) {}
    }
}
