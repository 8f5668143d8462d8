package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WriteCollectorTest {
    private final InMemoryKvClient client = new InMemoryKvClient();
    private final WriteCollector collector = new WriteCollector(client);

    @Test
    void shouldCountDistinctKeys() {
        collector.add(b("a"), b("1"));
        collector.add(b("b"), b("2"));
        assertThat(collector.size()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheLastWriteOfAKey() {
        collector.add(b("a"), b("1"));
        collector.add(b("a"), b("2"));
        assertThat(collector.size()).isEqualTo(1);
        collector.flush();
        assertThat(client.putBatches).containsExactly(List.of(new KvPut(b("a"), b("2"))));
    }

    @Test
    void shouldFlushEverythingInOneBatchPut() {
        collector.add(b("b"), b("2"));
        collector.add(b("a"), b("1"));
        collector.flush();
        assertThat(client.calls).containsExactly("batchPut 2");
        assertThat(client.putBatches).containsExactly(List.of(new KvPut(b("a"), b("1")), new KvPut(b("b"), b("2"))));
        assertThat(collector.size()).isZero();
    }

    @Test
    void shouldMakeNoCallWhenEmpty() {
        collector.flush();
        assertThat(client.calls).isEmpty();
    }

    @Test
    void shouldMakeNoCallOnASecondFlushAfterSuccess() {
        collector.add(b("a"), b("1"));
        collector.flush();
        collector.flush();
        assertThat(client.calls).containsExactly("batchPut 1");
    }

    @Test
    void shouldKeepEntriesWhenThePutFails() {
        collector.add(b("a"), b("1"));
        client.failWrites = true;
        assertThatThrownBy(collector::flush).hasMessage("store unavailable");
        assertThat(collector.size()).isEqualTo(1);
        client.failWrites = false;
        collector.flush();
        assertThat(client.putBatches).containsExactly(List.of(new KvPut(b("a"), b("1"))));
    }

    @Test
    void shouldNotSeeLaterChangesOfTheArraysItWasGiven() {
        byte[] value = b("1");
        collector.add(b("a"), value);
        value[0] = 'X';
        collector.flush();
        assertThat(client.putBatches.get(0).get(0).value()).isEqualTo(b("1"));
    }
}
