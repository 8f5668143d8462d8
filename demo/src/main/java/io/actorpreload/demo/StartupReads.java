package io.actorpreload.demo;

import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.ValueMetadata;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32C;

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

    private StartupReads() {}

    /** Makes every start-up read through {@code kv}; returns how many entries came back in all. */
    public static int readAll(KvClient kv) {
        int entries = 0;
        for (Read read : READS) {
            entries += read.call().apply(kv).size();
        }
        return entries;
    }

    /** Makes every start-up read through {@code truth} (the store) and keeps each answer's fingerprint, in read order. */
    static List<Answer> expectedAnswers(KvClient truth) {
        List<Answer> answers = new ArrayList<>(READS.size());
        for (Read read : READS) {
            answers.add(Answer.of(read.call().apply(truth)));
        }
        return answers;
    }

    /**
     * Makes every start-up read through {@code view} and compares each answer with what the store
     * gave for the same read, {@code expected} (from {@link #expectedAnswers}).
     *
     * @return one line per answer that differs; empty when every answer was right
     */
    static List<String> readAndCheck(String actorId, KvClient view, List<Answer> expected) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < READS.size(); i++) {
            Read read = READS.get(i);
            Answer answer = Answer.of(read.call().apply(view));
            if (!answer.equals(expected.get(i))) {
                mismatches.add("%s %s: %d entries (%,d bytes) from the view, %d (%,d bytes) in the store%s"
                        .formatted(
                                actorId,
                                read.name(),
                                answer.entries(),
                                answer.bytes(),
                                expected.get(i).entries(),
                                expected.get(i).bytes(),
                                answer.sameSize(expected.get(i)) ? ", contents differ" : ""));
            }
        }
        return mismatches;
    }

    /**
     * One read's answer reduced to its entry count, its bytes and a CRC-32C of every key, value,
     * version and timestamp in order, so the demo can check an answer against the store without
     * keeping the store's bytes (or reading them again) while its runners start actors. Any changed,
     * missing, extra or reordered byte changes it; two different answers of the same size collide
     * with a chance of about 2^-32.
     */
    record Answer(int entries, long bytes, int crc) {
        static Answer of(List<KvEntry> entries) {
            CRC32C crc = new CRC32C();
            long bytes = 0;
            ByteBuffer lengths = ByteBuffer.allocate(3 * Integer.BYTES + Long.BYTES + Integer.BYTES);
            for (KvEntry entry : entries) {
                ByteBuffer key = entry.keyView();
                ByteBuffer value = entry.valueView();
                byte[] version = entry.metadata().map(ValueMetadata::version).orElse(new byte[0]);
                long updateSeconds =
                        entry.metadata().map(m -> m.updateTs().getEpochSecond()).orElse(-1L);
                int updateNanos =
                        entry.metadata().map(m -> m.updateTs().getNano()).orElse(-1);
                // Lengths first, so that bytes moving from one field to the next change the CRC.
                int keyLength = key.remaining();
                int valueLength = value.remaining();
                lengths.clear()
                        .putInt(keyLength)
                        .putInt(valueLength)
                        .putInt(version.length)
                        .putLong(updateSeconds)
                        .putInt(updateNanos)
                        .flip();
                crc.update(lengths);
                crc.update(key);
                crc.update(value);
                crc.update(version);
                bytes += keyLength + valueLength;
            }
            return new Answer(entries.size(), bytes, (int) crc.getValue());
        }

        boolean sameSize(Answer other) {
            return entries == other.entries && bytes == other.bytes;
        }
    }

    private record Read(String name, Function<KvClient, List<KvEntry>> call) {}
}
