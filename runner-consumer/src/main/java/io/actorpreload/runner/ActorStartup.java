package io.actorpreload.runner;

import io.actorpreload.avro.ActorStartReport;
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
 *
 * <p>Every start-up read is logged ({@link StartupReadLog}); the first {@link #close()} hands this
 * start-up's {@link ActorStartReport} to the {@link StartupReportSink} it was made with, which
 * must not block (docs/ARCHITECTURE.md, "Learned manifests").
 */
public final class ActorStartup implements AutoCloseable {
    private final StartActorCommand command;
    private final CountingKvClient store;
    private final ActorKvView kv;
    private final WriteCollector writes;
    private final List<PreloadMiss> misses = new ArrayList<>();
    private final StartupReadLog reads = new StartupReadLog();
    private final long preloadedBytes;
    private final StartupReportSink reports;
    private boolean closed;

    /**
     * @param command the start command
     * @param preload its preload ({@link PreloadMap#none()} when it has none or it was dropped)
     * @param store   the actor's KV client, for whatever the preload cannot answer
     */
    public ActorStartup(StartActorCommand command, PreloadMap preload, KvClient store) {
        this(command, preload, store, StartupReportSink.NONE);
    }

    /**
     * As {@link #ActorStartup(StartActorCommand, PreloadMap, KvClient)}; {@code reports} gets this
     * start-up's report when it is closed.
     */
    ActorStartup(StartActorCommand command, PreloadMap preload, KvClient store, StartupReportSink reports) {
        this.command = Objects.requireNonNull(command, "command");
        this.store = new CountingKvClient(Objects.requireNonNull(store, "store"));
        this.reports = Objects.requireNonNull(reports, "reports");
        this.kv = new ActorKvView(command.getActorId(), preload, this.store, misses::add, this.reads);
        this.writes = new WriteCollector(kv);
        this.preloadedBytes = preload.hasPreload() && command.getPreloadedKv() != null
                ? command.getPreloadedKv().getTotalBytes()
                : 0;
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

    /**
     * What this start-up read so far, and whether the preload answered it: its report as it would
     * be sent now (also how many preloaded bytes no read touched).
     */
    public ActorStartReport report() {
        return reads.report(command, preloadedBytes, store.reads);
    }

    /** Releases the preload and hands the report to the sink; idempotent (the report goes once). */
    @Override
    public void close() {
        kv.release();
        if (!closed) {
            closed = true;
            reports.offer(report());
        }
    }

    /** Counts the round trips to the runner's KV client. */
    private static final class CountingKvClient implements KvClient {
        private final KvClient delegate;
        private int calls;
        private int reads;

        CountingKvClient(KvClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            calls++;
            reads++;
            return delegate.batchGet(keys);
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            calls++;
            reads++;
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
