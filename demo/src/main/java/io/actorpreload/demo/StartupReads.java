package io.actorpreload.demo;

import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What an actor with {@link StartupKeys} reads when it starts, one read after another as a real
 * actor's subsystems do: its state, its queue metadata, then its connections, queued messages and
 * SQLite pages. Without a preload each read is one KV round trip. Stateless.
 */
public final class StartupReads {
    private static final List<Read> READS = List.of(
            new Read("get state", kv -> kv.batchGet(List.of(StartupKeys.STATE))),
            new Read("get queue-meta", kv -> kv.batchGet(List.of(StartupKeys.QUEUE_METADATA))),
            new Read("list conn/", kv -> kv.listPrefix(StartupKeys.CONNECTIONS)),
            new Read("list queue/", kv -> kv.listPrefix(StartupKeys.QUEUE)),
            new Read("list sqlite/", kv -> kv.listPrefix(StartupKeys.PAGES)));

    /** How many reads a start-up makes: the round trips a start without preload costs. */
    public static final int READS_PER_START = READS.size();

    private StartupReads() {
    }

    /** Makes every start-up read through {@code kv}; returns how many entries came back in all. */
    public static int readAll(KvClient kv) {
        int entries = 0;
        for (Read read : READS) {
            entries += read.call().apply(kv).size();
        }
        return entries;
    }

    /**
     * Makes every start-up read through {@code view} and the same read through {@code truth}.
     *
     * @return one line per answer that differs; empty when every answer was right
     */
    static List<String> readAndCheck(String actorId, KvClient view, KvClient truth) {
        List<String> mismatches = new ArrayList<>();
        for (Read read : READS) {
            List<KvEntry> answer = read.call().apply(view);
            List<KvEntry> expected = read.call().apply(truth);
            if (!answer.equals(expected)) {
                mismatches.add("%s %s: %d entries from the view, %d in the store".formatted(
                        actorId, read.name(), answer.size(), expected.size()));
            }
        }
        return mismatches;
    }

    private record Read(String name, Function<KvClient, List<KvEntry>> call) {
    }
}
