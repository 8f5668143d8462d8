package io.actorpreload.runner;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One actor's start-up, ready to use: its command and preload status, an {@link ActorKvView} that
 * answers reads from the preload when it is authoritative and from the runner's KV client
 * otherwise, a {@link WriteCollector} whose writes go through that view (so later reads see them),
 * and every read the preload could not answer.
 *
 * <p>Owned by one actor's start-up; {@link #close()} ends it: the preload is released, the view
 * passes every later call straight to the store, and collected writes that were not flushed are
 * dropped (flush them yourself; a start-up that fails should not write half its state). Not
 * thread-safe: one actor, one thread at a time.
 */
public final class ActorStartup implements AutoCloseable {
    private final StartActorCommand command;
    private final CountingKvClient store;
    private final ActorKvView kv;
    private final WriteCollector writes;
    private final List<PreloadMiss> misses = new ArrayList<>();

    /**
     * @param command the start command
     * @param preload its preload ({@link PreloadMap#none()} when it has none or it was dropped)
     * @param store   the actor's KV client, for whatever the preload cannot answer
     */
    public ActorStartup(StartActorCommand command, PreloadMap preload, KvClient store) {
        this.command = Objects.requireNonNull(command, "command");
        this.store = new CountingKvClient(Objects.requireNonNull(store, "store"));
        this.kv = new ActorKvView(command.getActorId(), preload, this.store, misses::add);
        this.writes = new WriteCollector(kv);
    }

    public StartActorCommand command() {
        return command;
    }

    public String actorId() {
        return command.getActorId();
    }

    /** What the topology did about the preload: {@code PRELOADED}, {@code NO_MANIFEST}, {@code STORE_ERROR}, .... */
    public PreloadStatus status() {
        return command.getPreloadStatus();
    }

    /** The actor's KV during start-up. */
    public ActorKvView kv() {
        return kv;
    }

    /** Collects start-up writes into one batch put through {@link #kv()}. */
    public WriteCollector writes() {
        return writes;
    }

    /** Every read so far that the preload could not answer, in order. Unmodifiable view. */
    public List<PreloadMiss> misses() {
        return Collections.unmodifiableList(misses);
    }

    /** How many calls reached the runner's KV client so far (reads the preload could not answer, and writes). */
    public int kvRoundTrips() {
        return store.calls;
    }

    /** Releases the preload; idempotent. */
    @Override
    public void close() {
        kv.release();
    }

    /** Counts the round trips to the runner's KV client. */
    private static final class CountingKvClient implements KvClient {
        private final KvClient delegate;
        private int calls;

        CountingKvClient(KvClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            calls++;
            return delegate.batchGet(keys);
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            calls++;
            return delegate.listPrefix(prefix);
        }

        @Override
        public void batchPut(List<KvPut> puts) {
            calls++;
            delegate.batchPut(puts);
        }

        @Override
        public void batchDelete(List<byte[]> keys) {
            calls++;
            delegate.batchDelete(keys);
        }
    }
}
