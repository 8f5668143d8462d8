package io.actorpreload.benchmarks.e2e;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.ActorKvView;
import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.KvPut;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.demo.StartupReads;
import io.actorpreload.runner.PreloadMissListener;
import io.actorpreload.runner.StartCommandHandler;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark runner's start-up of an actor: makes the actor's {@link StartupReads} through an
 * {@link ActorKvView} over the command's preload (as a real runner would), then records the
 * arrival with the current {@link ScenarioRecorder}. The KV client behind the view answers nothing
 * and only counts calls: the store belongs to the topology's process. Every shape fits the budget,
 * so no read of theirs should reach it; the demo's mix ({@link Workload#DEMO_MIX}) makes the reads
 * its kinds leave to the store. Thread-safe (the recorder is swapped between scenarios).
 */
final class MeasuringHandler implements StartCommandHandler {
    private final AtomicReference<ScenarioRecorder> recorder = new AtomicReference<>(new ScenarioRecorder(0));

    /** From now on arrivals are recorded with {@code next}. */
    void recordWith(ScenarioRecorder next) {
        recorder.set(next);
    }

    @Override
    public void handle(StartActorCommand command, PreloadMap preload) {
        CountingKvClient kv = new CountingKvClient();
        try (ActorKvView view = new ActorKvView(command.getActorId(), preload, kv, PreloadMissListener.NONE)) {
            StartupReads.readAll(view);
        }
        PreloadedKv preloaded = command.getPreloadedKv();
        long bytes = preloaded == null ? 0 : preloaded.getTotalBytes();
        OptionalLong readAt = preloaded == null || preloaded.getPreloadedAt() == null ? OptionalLong.empty()
                : OptionalLong.of(preloaded.getPreloadedAt().toEpochMilli());
        recorder.get().received(command.getActorId(), command.getGeneration(), bytes,
                command.getPreloadStatus() == PreloadStatus.PRELOADED, kv.calls,
                command.getRequestedAt().toEpochMilli(), readAt);
    }

    /** A KV client with nothing in it, counting the round trips a start-up would make. */
    private static final class CountingKvClient implements KvClient {
        private long calls;

        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            calls++;
            return List.of();
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            calls++;
            return List.of();
        }

        @Override
        public void batchPut(List<KvPut> puts) {
            calls++;
        }

        @Override
        public void batchDelete(List<byte[]> keys) {
            calls++;
        }
    }
}
