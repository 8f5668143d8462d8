package io.actorpreload.demo;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.preload.KvRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The start-up keys of a demo or benchmark actor, shaped like a real actor's: persisted state,
 * queue metadata, connections, queued messages and SQLite pages; the manifest that asks for them;
 * and the records that fill them. One home for the shape, used by the demo and the benchmarks.
 * Stateless; the arrays are shared constants: do not change them.
 */
public final class StartupKeys {
    /** The actor's persisted state. */
    public static final byte[] STATE = utf8("state");
    /** Its queue's metadata. */
    public static final byte[] QUEUE_METADATA = utf8("queue-meta");
    /** Its open connections, one key each. */
    public static final byte[] CONNECTIONS = utf8("conn/");
    /** Its queued messages. */
    public static final byte[] QUEUE = utf8("queue/");
    /** Its SQLite pages. */
    public static final byte[] PAGES = utf8("sqlite/");

    public static final int PAGE_BYTES = 4 * 1024;
    public static final int CONNECTION_BYTES = 512;
    public static final int QUEUED_MESSAGE_BYTES = 256;
    public static final int QUEUE_METADATA_BYTES = 64;
    /** What the manifest gives each of the connections and queue prefixes, all or nothing. */
    public static final long SMALL_PREFIX_BYTES = 64 * 1024;

    private StartupKeys() {}

    /**
     * The manifest of an actor type with these keys: the two get-keys, then the prefixes in priority
     * order, small ones first; the pages prefix may be preloaded partially.
     */
    public static PreloadManifest manifest(String actorType, long budgetBytes) {
        return PreloadManifest.newBuilder()
                .setActorName(actorType)
                .setGetKeys(List.of(ByteBuffer.wrap(STATE), ByteBuffer.wrap(QUEUE_METADATA)))
                .setPrefixes(List.of(
                        new PrefixRequest(ByteBuffer.wrap(CONNECTIONS), SMALL_PREFIX_BYTES, false),
                        new PrefixRequest(ByteBuffer.wrap(QUEUE), SMALL_PREFIX_BYTES, false),
                        new PrefixRequest(ByteBuffer.wrap(PAGES), budgetBytes, true)))
                .setMaxTotalBytes(budgetBytes)
                .build();
    }

    /**
     * The records of an actor with a state of {@code stateBytes} and that many connections, queued
     * messages and pages; contents pseudo-random from {@code random}, all written at {@code now}.
     */
    public static List<KvRecord> records(
            Random random, Instant now, int stateBytes, int connections, int queuedMessages, int pages) {
        List<KvRecord> records = new ArrayList<>();
        records.add(record(STATE, stateBytes, random, now));
        records.add(record(QUEUE_METADATA, QUEUE_METADATA_BYTES, random, now));
        for (int i = 0; i < connections; i++) {
            records.add(record(utf8("conn/%04d".formatted(i)), CONNECTION_BYTES, random, now));
        }
        for (int i = 0; i < queuedMessages; i++) {
            records.add(record(utf8("queue/%06d".formatted(i)), QUEUED_MESSAGE_BYTES, random, now));
        }
        for (int i = 0; i < pages; i++) {
            records.add(record(utf8("sqlite/%06d".formatted(i)), PAGE_BYTES, random, now));
        }
        return records;
    }

    private static KvRecord record(byte[] key, int valueBytes, Random random, Instant now) {
        byte[] value = new byte[valueBytes];
        random.nextBytes(value);
        return new KvRecord(key, value, utf8("v" + random.nextInt(1_000_000)), now);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
