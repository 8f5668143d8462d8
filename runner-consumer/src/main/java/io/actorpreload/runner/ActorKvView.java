package io.actorpreload.runner;

import io.actorpreload.avro.ReadMethod;
import io.actorpreload.runner.internals.ByteKeys;
import io.actorpreload.schemas.ByteStrings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor's KV during start-up: reads answered by its {@link PreloadMap} when the answer is
 * authoritative, otherwise by the runner's {@link KvClient}; writes go to the client and then to
 * the view, so a read after a write sees the write (or the deletion), never the preloaded value.
 *
 * <p>Every read the view sends to the client is a miss: counted ({@link #missCount()}), logged at
 * WARN with its method, key and why, and passed to the {@link PreloadMissListener}, every time, not
 * only the first. That covers keys that were not preloaded, partial listings (the view never returns
 * a truncated list) and keys or prefixes touched by a failed write, which only the store can answer
 * (a {@code batchGet} reports each key it sends, a {@code listPrefix} its prefix). A view without a
 * preload ({@link PreloadMap#none()}, or after {@link #release()}) reports nothing: there every read
 * is expected to reach the store.
 *
 * <p>Until {@link #release()}, every read, answered by the preload or not and with or without a
 * preload, is also passed to a {@link StartupReadListener} with what it returned: the start-up
 * reads that manifests are learned from (docs/ARCHITECTURE.md, "Learned manifests").
 *
 * <p>Lifecycle: made for one actor's start-up and owned by it (never shared between actors: a
 * preload is one actor's snapshot). {@link #release()} (or {@link #close()}) when start-up ends
 * drops the preload and its written-values overlay; afterwards the view passes every call straight
 * to the client and reports no more misses. Not thread-safe: one actor, one thread at a time.
 */
public final class ActorKvView implements KvClient, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActorKvView.class);

    private final String actorId;
    private final KvClient client;
    private final PreloadMissListener missListener;
    private final StartupReadListener readListener;
    private boolean released;
    private PreloadMap preload;
    /** Keys written through this view: the value written, or empty for a deletion. */
    private final TreeMap<byte[], Optional<byte[]>> written = new TreeMap<>(ByteKeys.ORDER);
    /** Keys whose write failed: the store may or may not have applied it, so only the store can answer. */
    private final TreeMap<byte[], Boolean> uncertain = new TreeMap<>(ByteKeys.ORDER);

    private long misses;

    /**
     * @param actorId      the actor this view belongs to, for the miss reports
     * @param preload      its start command's preload ({@link PreloadMap#none()} when there is none)
     * @param client       the runner's KV client, for everything the preload cannot answer
     * @param missListener told of every miss
     */
    ActorKvView(String actorId, PreloadMap preload, KvClient client, PreloadMissListener missListener) {
        this(actorId, preload, client, missListener, StartupReadListener.NONE);
    }

    /**
     * As {@link #ActorKvView(String, PreloadMap, KvClient, PreloadMissListener)}, and every start-up
     * read is passed to {@code readListener}.
     */
    ActorKvView(
            String actorId,
            PreloadMap preload,
            KvClient client,
            PreloadMissListener missListener,
            StartupReadListener readListener) {
        this.actorId = Objects.requireNonNull(actorId, "actorId");
        this.preload = Objects.requireNonNull(preload, "preload");
        this.client = Objects.requireNonNull(client, "client");
        this.missListener = Objects.requireNonNull(missListener, "missListener");
        this.readListener = Objects.requireNonNull(readListener, "readListener");
    }

    /** Answers from the preload or the written overlay; asks the client, in one batch, for the rest. */
    @Override
    public List<KvEntry> batchGet(List<byte[]> keys) {
        List<KvEntry> found = new ArrayList<>();
        List<byte[]> toRead = new ArrayList<>();
        ReadMethod method = keys.size() == 1 ? ReadMethod.GET : ReadMethod.BATCH_GET;
        for (byte[] key : keys) {
            if (uncertain.containsKey(key)) {
                fallBack("batchGet", key, Miss.WRITE_FAILED);
                toRead.add(key);
                continue;
            }
            Optional<byte[]> write = written.get(key);
            if (write != null) {
                write.ifPresent(value -> found.add(new KvEntry(key, value, Optional.empty())));
                continue;
            }
            PreloadedGet answer = preload.get(key);
            if (answer instanceof PreloadedGet.Found hit) {
                KvEntry entry = hit.entry(key);
                found.add(entry);
                heard(method, key, true, List.of(entry));
            } else if (answer instanceof PreloadedGet.NotPreloaded) {
                fallBack("batchGet", key, Miss.NOT_PRELOADED);
                toRead.add(key);
            } else {
                heard(method, key, true, List.of());
            }
        }
        if (!toRead.isEmpty()) {
            List<KvEntry> read = client.batchGet(toRead);
            found.addAll(read);
            if (!released) {
                TreeMap<byte[], KvEntry> byKey = new TreeMap<>(ByteKeys.ORDER);
                read.forEach(entry -> byKey.put(entry.key(), entry));
                for (byte[] key : toRead) {
                    KvEntry entry = byKey.get(key);
                    heard(method, key, false, entry == null ? List.of() : List.of(entry));
                }
            }
        }
        return found;
    }

    /** Answers from a complete preloaded listing with the overlay applied; else asks the client. */
    @Override
    public List<KvEntry> listPrefix(byte[] prefix) {
        PreloadedListing listing = preload.listPrefix(prefix);
        if (!(listing instanceof PreloadedListing.Complete complete)) {
            fallBack(
                    "listPrefix",
                    prefix,
                    listing instanceof PreloadedListing.Partial ? Miss.PARTIAL : Miss.NOT_PRELOADED);
        } else if (anyUncertainUnder(prefix)) {
            fallBack("listPrefix", prefix, Miss.WRITE_FAILED);
        } else {
            List<KvEntry> answer = withWrites(prefix, complete.entries());
            heard(ReadMethod.LIST_PREFIX, prefix, true, answer);
            return answer;
        }
        // Writes already went to the client, so its answer includes them.
        List<KvEntry> answer = client.listPrefix(prefix);
        heard(ReadMethod.LIST_PREFIX, prefix, false, answer);
        return answer;
    }

    /** Writes through the client, then records the values so later reads see them. */
    @Override
    public void batchPut(List<KvPut> puts) {
        try {
            client.batchPut(puts);
        } catch (RuntimeException e) {
            puts.forEach(put -> markUncertain(put.key()));
            throw e;
        }
        for (KvPut put : puts) {
            record(put.key(), Optional.of(put.value()));
        }
    }

    /** Deletes through the client, then records the deletions so later reads see them. */
    @Override
    public void batchDelete(List<byte[]> keys) {
        try {
            client.batchDelete(keys);
        } catch (RuntimeException e) {
            keys.forEach(this::markUncertain);
            throw e;
        }
        for (byte[] key : keys) {
            record(key, Optional.empty());
        }
    }

    /** The misses reported so far. */
    public long missCount() {
        return misses;
    }

    /** Start-up is over: drops the preload and the overlay; every later call goes to the client unreported. */
    public void release() {
        released = true;
        preload = PreloadMap.none();
        written.clear();
        uncertain.clear();
    }

    /** Same as {@link #release()}. */
    @Override
    public void close() {
        release();
    }

    private void record(byte[] key, Optional<byte[]> value) {
        if (!preload.hasPreload()) {
            return; // Nothing preloaded can be stale; the client answers every read anyway.
        }
        byte[] copy = key.clone();
        uncertain.remove(copy);
        written.put(copy, value.map(byte[]::clone));
    }

    private void heard(ReadMethod method, byte[] key, boolean answeredByPreload, List<KvEntry> returned) {
        if (!released) {
            readListener.onRead(method, key, answeredByPreload, returned);
        }
    }

    private void markUncertain(byte[] key) {
        if (preload.hasPreload()) {
            written.remove(key);
            uncertain.put(key.clone(), Boolean.TRUE);
        }
    }

    private boolean anyUncertainUnder(byte[] prefix) {
        byte[] next = uncertain.ceilingKey(prefix);
        return next != null && ByteKeys.startsWith(next, prefix);
    }

    private List<KvEntry> withWrites(byte[] prefix, List<KvEntry> preloaded) {
        if (written.isEmpty()) {
            return preloaded;
        }
        TreeMap<byte[], KvEntry> merged = new TreeMap<>(ByteKeys.ORDER);
        for (KvEntry entry : preloaded) {
            merged.put(entry.key(), entry);
        }
        for (Map.Entry<byte[], Optional<byte[]>> write :
                written.tailMap(prefix, true).entrySet()) {
            byte[] key = write.getKey();
            if (!ByteKeys.startsWith(key, prefix)) {
                break;
            }
            if (write.getValue().isPresent()) {
                merged.put(key, new KvEntry(key, write.getValue().get(), Optional.empty()));
            } else {
                merged.remove(key);
            }
        }
        return List.copyOf(merged.values());
    }

    /** Why a read goes to the client: the log says what to do about it. */
    private enum Miss {
        NOT_PRELOADED("was not preloaded and costs a KV round trip. Add it to the actor type's manifest (getKeys or "
                + "prefixes) if it is read at every start."),
        PARTIAL(
                "was preloaded only in part (the budget ran out) and costs a KV round trip. Raise the prefix's maxBytes "
                        + "or the manifest's budget if it is read whole at every start."),
        WRITE_FAILED("had a write that failed (the store may or may not have applied it), so only the store can "
                + "answer; this costs a KV round trip.");

        private final String explanation;

        Miss(String explanation) {
            this.explanation = explanation;
        }
    }

    /**
     * Every read the view sends to the client passes here first, so none goes unreported. Without
     * a preload no read is a miss: the client answers all of them by design.
     */
    private void fallBack(String method, byte[] key, Miss why) {
        if (!preload.hasPreload()) {
            return;
        }
        misses++;
        PreloadMiss miss = new PreloadMiss(actorId, method, key, misses);
        LOG.warn(
                "Preload miss #{} of actor {}: {} {} {}",
                misses,
                actorId,
                method,
                ByteStrings.hex(key),
                why.explanation);
        missListener.onMiss(miss);
    }

    @Override
    public String toString() {
        return "ActorKvView[actorId=" + actorId + ", preload=" + preload + ", misses=" + misses + ", written="
                + written.size() + ", uncertain=" + uncertain.size() + "]";
    }
}
