package io.actorpreload.testkit;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.ActorKvClients;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.ActorStartupHandler;
import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.KvPut;
import io.actorpreload.runner.PreloadMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a runner's {@link ActorStartupHandler} on one start command without Kafka, the way
 * {@code RunnerClient} does: an {@link ActorStartup} over the command's preload (when its status is
 * {@code PRELOADED}) and the actor's KV client, closed when the handler returns. Returns what the
 * start-up read, wrote and missed. Stateless.
 */
public final class StartupDriver {
    private StartupDriver() {}

    /**
     * Starts the command's actor with {@code handler}.
     *
     * @param kvClients the runner's store, e.g. {@link TestKvStore#kvClients()}
     * @throws Exception whatever the handler throws (the runner library would retry the command)
     */
    public static StartupResult run(ActorStartupHandler handler, StartActorCommand command, ActorKvClients kvClients)
            throws Exception {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(command, "command");
        RecordingKvClient kv =
                new RecordingKvClient(kvClients.forActor(command.getActorId().toString()));
        PreloadMap preload = command.getPreloadStatus() == PreloadStatus.PRELOADED && command.getPreloadedKv() != null
                ? PreloadMap.of(command.getPreloadedKv())
                : PreloadMap.none();
        try (ActorStartup startup = new ActorStartup(command, preload, kv)) {
            handler.start(startup);
            return new StartupResult(
                    command, startup.report(), startup.misses(), startup.kvRoundTrips(), kv.puts, kv.deletes);
        }
    }

    /** Passes every call on, keeping the writes. */
    private static final class RecordingKvClient implements KvClient {
        private final KvClient client;
        private final List<KvPut> puts = new ArrayList<>();
        private final List<byte[]> deletes = new ArrayList<>();

        RecordingKvClient(KvClient client) {
            this.client = Objects.requireNonNull(client, "the ActorKvClients gave no client");
        }

        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            return client.batchGet(keys);
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            return client.listPrefix(prefix);
        }

        @Override
        public void batchPut(List<KvPut> batch) {
            client.batchPut(batch);
            puts.addAll(batch);
        }

        @Override
        public void batchDelete(List<byte[]> keys) {
            client.batchDelete(keys);
            deletes.addAll(keys);
        }
    }
}
