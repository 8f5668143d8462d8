package io.actorpreload.demo;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.preload.KvRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The kinds of actor the demo seeds, each with the data it keeps and what its start-up must look
 * like: which status its command carries and how many of its {@link StartupReads} the preload
 * cannot answer (those go to the KV store, as docs/ARCHITECTURE.md's rules say they must).
 * Public for the fault harness, which seeds and requests the same kinds.
 */
public enum ActorKind {
    /** Brand new: nothing stored yet; every start-up read is an authoritative "absent". */
    FRESH("counter", PreloadStatus.PRELOADED, 0, 0, 0, 0),
    /** A typical actor that fits the budget: everything answered from the preload. */
    TYPICAL("chat-room", PreloadStatus.PRELOADED, 4 * 1024, 20, 8, 16),
    /** SQLite pages larger than the budget: the pages prefix is preloaded partially, its listing misses. */
    HEAVY_PAGES("doc-editor", PreloadStatus.PRELOADED, 4 * 1024, 20, 8, 300),
    /** Persisted state larger than the whole budget: the state key is in neither list, its read misses. */
    HUGE_STATE("archive", PreloadStatus.PRELOADED, ActorKind.HUGE_STATE_BYTES, 4, 2, 4),
    /** A type whose runners published no manifest: no preload, every read goes to the store. */
    UNLISTED("legacy-job", PreloadStatus.NO_MANIFEST, 1024, 4, 2, 4);

    /** Larger than the default 1 MiB budget once key, version and the 8 bytes of metadata count. */
    private static final int HUGE_STATE_BYTES = 1024 * 1024;

    private final String actorType;
    private final PreloadStatus expectedStatus;
    private final int stateBytes;
    private final int connections;
    private final int queueEntries;
    private final int pages;

    ActorKind(
            String actorType,
            PreloadStatus expectedStatus,
            int stateBytes,
            int connections,
            int queueEntries,
            int pages) {
        this.actorType = actorType;
        this.expectedStatus = expectedStatus;
        this.stateBytes = stateBytes;
        this.connections = connections;
        this.queueEntries = queueEntries;
        this.pages = pages;
    }

    /** The actor name (type) its start requests carry and its manifest is published under. */
    public String actorType() {
        return actorType;
    }

    PreloadStatus expectedStatus() {
        return expectedStatus;
    }

    /** How many of the {@link StartupReads} must reach the KV store for this kind. */
    int expectedRoundTrips() {
        return switch (this) {
            case FRESH, TYPICAL -> 0;
            case HEAVY_PAGES, HUGE_STATE -> 1;
            case UNLISTED -> StartupReads.READS_PER_START;
        };
    }

    /** The kind of the {@code index}-th actor: a fixed mix, so every run of N actors is the same. */
    public static ActorKind ofIndex(int index) {
        int slot = index % 20;
        if (slot < 3) {
            return FRESH;
        } else if (slot < 15) {
            return TYPICAL;
        } else if (slot < 17) {
            return UNLISTED;
        } else if (slot < 19) {
            return HEAVY_PAGES;
        }
        return HUGE_STATE;
    }

    /** The records an actor of this kind keeps, with deterministic pseudo-random contents. */
    public List<KvRecord> records(Random random, Instant now) {
        if (this == FRESH) {
            return List.of();
        }
        return StartupKeys.records(random, now, stateBytes, connections, queueEntries, pages);
    }

    /** The kinds whose runners publish a manifest. */
    public static List<ActorKind> withManifest() {
        return Arrays.stream(values()).filter(kind -> kind != UNLISTED).toList();
    }
}
