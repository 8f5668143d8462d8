package io.actorpreload.topology.demo;

import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a demo actor reads when it starts, one read after another as a real actor's subsystems do:
 * its state, its queue metadata, then its connections, queued messages and SQLite pages. Each read
 * is checked against the same read made directly on the store.
 */
final class StartupReads {
    /** How many reads a start-up makes: the round trips a start without preload costs. */
    static final int READS_PER_START = 5;

    private StartupReads() {
    }

    /**
     * Makes every start-up read through {@code view} and the same read through {@code truth}.
     *
     * @return one line per answer that differs; empty when every answer was right
     */
    static List<String> readAndCheck(String actorId, KvClient view, KvClient truth) {
        List<String> mismatches = new ArrayList<>();
        check(actorId, "get state", c -> c.batchGet(List.of(DemoKeys.STATE)), view, truth, mismatches);
        check(actorId, "get queue-meta", c -> c.batchGet(List.of(DemoKeys.QUEUE_METADATA)), view, truth, mismatches);
        check(actorId, "list conn/", c -> c.listPrefix(DemoKeys.CONNECTIONS), view, truth, mismatches);
        check(actorId, "list queue/", c -> c.listPrefix(DemoKeys.QUEUE), view, truth, mismatches);
        check(actorId, "list sqlite/", c -> c.listPrefix(DemoKeys.PAGES), view, truth, mismatches);
        return mismatches;
    }

    private static void check(String actorId, String read, Function<KvClient, List<KvEntry>> call,
                              KvClient view, KvClient truth, List<String> mismatches) {
        List<KvEntry> answer = call.apply(view);
        List<KvEntry> expected = call.apply(truth);
        if (!answer.equals(expected)) {
            mismatches.add("%s %s: %d entries from the view, %d in the store".formatted(
                    actorId, read, answer.size(), expected.size()));
        }
    }
}
