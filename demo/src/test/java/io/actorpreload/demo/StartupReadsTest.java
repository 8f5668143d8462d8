package io.actorpreload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.preload.KvRecord;
import io.actorpreload.runner.KvClient;
import io.actorpreload.runner.KvEntry;
import io.actorpreload.runner.KvPut;
import io.actorpreload.runner.ValueMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StartupReadsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T07:00:00Z");

    private final List<KvEntry> stored = StartupKeys.records(new Random(3), NOW, 2048, 3, 2, 4).stream()
            .map(StartupReadsTest::entry)
            .toList();
    private final List<StartupReads.Answer> expected = StartupReads.expectedAnswers(new ListKvClient(stored));

    @Test
    void shouldFindNothingWrongWhenTheViewAnswersWhatTheStoreDid() {
        assertThat(StartupReads.readAndCheck("a", new ListKvClient(stored), expected))
                .isEmpty();
    }

    @Test
    void shouldNameTheReadWhoseValueHasOneByteChanged() {
        List<KvEntry> changed = changeEntry("sqlite/000002", e -> {
            byte[] value = e.value();
            value[100] ^= 1;
            return new KvEntry(e.key(), value, e.metadata());
        });

        assertThat(StartupReads.readAndCheck("a", new ListKvClient(changed), expected))
                .containsExactly(
                        "a list sqlite/: 4 entries (16,436 bytes) from the view, 4 (16,436 bytes) in the store, contents differ");
    }

    @Test
    void shouldNameTheReadThatMissesAnEntry() {
        List<KvEntry> missing = new ArrayList<>(stored);
        missing.removeIf(e -> Arrays.equals(e.key(), StartupKeys.QUEUE_METADATA));

        assertThat(StartupReads.readAndCheck("a", new ListKvClient(missing), expected))
                .containsExactly("a get queue-meta: 0 entries (0 bytes) from the view, 1 (74 bytes) in the store");
    }

    @Test
    void shouldNoticeAChangedVersionOrTimestamp() {
        List<KvEntry> otherVersion = changeEntry("conn/0001", e -> {
            byte[] version = e.metadata().orElseThrow().version();
            version[version.length - 1]--;
            return new KvEntry(
                    e.key(),
                    e.value(),
                    new ValueMetadata(version, e.metadata().orElseThrow().updateTs()));
        });
        List<KvEntry> laterTimestamp = changeEntry(
                "state",
                e -> new KvEntry(
                        e.key(),
                        e.value(),
                        new ValueMetadata(e.metadata().orElseThrow().version(), NOW.plusMillis(1))));

        assertThat(StartupReads.readAndCheck("a", new ListKvClient(otherVersion), expected))
                .singleElement()
                .asString()
                .startsWith("a list conn/:")
                .endsWith("contents differ");
        assertThat(StartupReads.readAndCheck("a", new ListKvClient(laterTimestamp), expected))
                .singleElement()
                .asString()
                .startsWith("a get state:")
                .endsWith("contents differ");
    }

    private List<KvEntry> changeEntry(String key, UnaryOperator<KvEntry> change) {
        List<KvEntry> changed = stored.stream()
                .map(e -> Arrays.equals(e.key(), key.getBytes()) ? change.apply(e) : e)
                .toList();
        assertThat(changed).isNotEqualTo(stored);
        return changed;
    }

    private static KvEntry entry(KvRecord record) {
        return new KvEntry(record.key(), record.value(), new ValueMetadata(record.version(), record.updateTs()));
    }

    /** A KV client over a sorted list of one actor's entries. */
    private record ListKvClient(List<KvEntry> entries) implements KvClient {
        @Override
        public List<KvEntry> batchGet(List<byte[]> keys) {
            return entries.stream()
                    .filter(e -> keys.stream().anyMatch(k -> Arrays.equals(k, e.key())))
                    .toList();
        }

        @Override
        public List<KvEntry> listPrefix(byte[] prefix) {
            return entries.stream()
                    .filter(e -> e.key().length >= prefix.length
                            && Arrays.equals(e.key(), 0, prefix.length, prefix, 0, prefix.length))
                    .toList();
        }

        @Override
        public void batchPut(List<KvPut> puts) {
            throw new UnsupportedOperationException("the start-up reads do not write");
        }

        @Override
        public void batchDelete(List<byte[]> keys) {
            throw new UnsupportedOperationException("the start-up reads do not write");
        }
    }
}
