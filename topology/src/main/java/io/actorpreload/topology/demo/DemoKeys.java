package io.actorpreload.topology.demo;

import java.nio.charset.StandardCharsets;

/** The user keys of a demo actor, shaped like a real actor's start-up state. */
final class DemoKeys {
    /** The actor's persisted state. */
    static final byte[] STATE = utf8("state");
    /** Its queue's metadata. */
    static final byte[] QUEUE_METADATA = utf8("queue-meta");
    /** Its open connections, one key each. */
    static final byte[] CONNECTIONS = utf8("conn/");
    /** Its queued messages. */
    static final byte[] QUEUE = utf8("queue/");
    /** Its SQLite pages. */
    static final byte[] PAGES = utf8("sqlite/");
    static final int PAGE_BYTES = 4 * 1024;
    /** Larger than the default 1 MiB budget once key, version and the 8 bytes of metadata count. */
    static final int HUGE_STATE_BYTES = 1024 * 1024;

    private DemoKeys() {
    }

    static byte[] connection(int i) {
        return utf8("conn/%04d".formatted(i));
    }

    static byte[] queueMessage(int i) {
        return utf8("queue/%06d".formatted(i));
    }

    static byte[] page(int i) {
        return utf8("sqlite/%06d".formatted(i));
    }

    static String text(byte[] key) {
        return new String(key, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
