package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.keys;
import static io.actorpreload.runner.Preloads.preload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.schemas.ByteStrings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActorKvViewTest {
    private final InMemoryKvClient client =
            new InMemoryKvClient().with(entry("a"), entry("p1"), entry("p2"), entry("x"), entry("y"));
    private final List<PreloadMiss> misses = new ArrayList<>();

    private ActorKvView view(Preloads preload) {
        return new ActorKvView("actor-1", preload.map(), client, misses::add);
    }

    private static KvEntry written(String key, String value) {
        return new KvEntry(b(key), b(value), Optional.empty());
    }

    @Test
    void shouldAnswerAuthoritativeReadsWithoutTheClient() {
        ActorKvView view =
                view(preload().entries("a", "p1", "p2").getKeys("a", "gone").complete("p"));
        assertThat(view.batchGet(keys("a", "gone", "p3"))).containsExactly(entry("a"));
        assertThat(view.listPrefix(b("p"))).containsExactly(entry("p1"), entry("p2"));
        assertThat(client.calls).isEmpty();
        assertThat(view.missCount()).isZero();
    }

    @Test
    void shouldReadMissesInOneBatchAndReportEveryOne() {
        ActorKvView view = view(preload().entries("a").getKeys("a"));
        assertThat(view.batchGet(keys("a", "x", "y"))).containsExactlyInAnyOrder(entry("a"), entry("x"), entry("y"));
        assertThat(view.batchGet(keys("x"))).containsExactly(entry("x"));
        assertThat(client.calls).containsExactly("batchGet [0x78, 0x79]", "batchGet [0x78]");
        assertThat(misses)
                .containsExactly(
                        new PreloadMiss("actor-1", "batchGet", b("x"), 1),
                        new PreloadMiss("actor-1", "batchGet", b("y"), 2),
                        new PreloadMiss("actor-1", "batchGet", b("x"), 3));
        assertThat(view.missCount()).isEqualTo(3);
    }

    @Test
    void shouldReadAPartialListingFromTheClientAndReportIt() {
        ActorKvView view = view(preload().entries("p1").partial("p", "p1"));
        assertThat(view.listPrefix(b("p"))).containsExactly(entry("p1"), entry("p2"));
        assertThat(misses).containsExactly(new PreloadMiss("actor-1", "listPrefix", b("p"), 1));
    }

    @Test
    void shouldReportAnUnrequestedListingEveryTime() {
        ActorKvView view = view(preload().entries("a").getKeys("a"));
        view.listPrefix(b("p"));
        view.listPrefix(b("p"));
        assertThat(misses)
                .extracting(PreloadMiss::method, PreloadMiss::sequence)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("listPrefix", 1L),
                        org.assertj.core.groups.Tuple.tuple("listPrefix", 2L));
    }

    @Test
    void shouldReadTheWrittenValueAfterAPut() {
        ActorKvView view = view(preload().entries("a", "p1").getKeys("a").complete("p"));
        view.batchPut(List.of(new KvPut(b("a"), b("new")), new KvPut(b("p3"), b("three"))));
        client.calls.clear();
        assertThat(view.batchGet(keys("a"))).containsExactly(written("a", "new"));
        assertThat(view.listPrefix(b("p"))).containsExactly(entry("p1"), written("p3", "three"));
        assertThat(client.calls).isEmpty();
        assertThat(client.store.get(b("a")).value()).isEqualTo(b("new"));
    }

    @Test
    void shouldReadTheDeletionAfterADelete() {
        ActorKvView view = view(preload().entries("a", "p1").getKeys("a").complete("p"));
        view.batchDelete(keys("a", "p1"));
        client.calls.clear();
        assertThat(view.batchGet(keys("a", "p1"))).isEmpty();
        assertThat(view.listPrefix(b("p"))).isEmpty();
        assertThat(client.calls).isEmpty();
        assertThat(client.store).doesNotContainKey(b("a"));
    }

    @Test
    void shouldAskTheStoreAfterAFailedWriteRatherThanServeThePreload() {
        ActorKvView view = view(preload().entries("a", "p1").getKeys("a").complete("p"));
        client.failWrites = true;
        assertThatThrownBy(() -> view.batchPut(List.of(new KvPut(b("a"), b("new")))))
                .hasMessage("store unavailable");
        assertThatThrownBy(() -> view.batchDelete(keys("p1"))).hasMessage("store unavailable");
        client.calls.clear();
        view.batchGet(keys("a"));
        view.listPrefix(b("p"));
        assertThat(client.calls).containsExactly("batchGet [0x61]", "listPrefix 0x70");
    }

    @Test
    void shouldReportEveryReadOfAKeyWhoseWriteFailed() {
        ActorKvView view = view(preload().entries("a", "p1").getKeys("a").complete("p"));
        client.failWrites = true;
        assertThatThrownBy(() -> view.batchPut(List.of(new KvPut(b("a"), b("new")), new KvPut(b("p3"), b("three")))))
                .hasMessage("store unavailable");

        view.batchGet(keys("a"));
        view.batchGet(keys("a", "p1"));
        view.listPrefix(b("p"));

        assertThat(misses)
                .containsExactly(
                        new PreloadMiss("actor-1", "batchGet", b("a"), 1),
                        new PreloadMiss("actor-1", "batchGet", b("a"), 2),
                        new PreloadMiss("actor-1", "listPrefix", b("p"), 3));
    }

    @Test
    void shouldSeeWritesFlushedByAWriteCollector() {
        ActorKvView view = view(preload().entries("a").getKeys("a"));
        WriteCollector writes = new WriteCollector(view);
        writes.add(b("a"), b("collected"));
        writes.flush();
        assertThat(view.batchGet(keys("a"))).containsExactly(written("a", "collected"));
    }

    @Test
    void shouldGoStraightToTheClientAfterRelease() {
        ActorKvView view = view(preload().entries("a").getKeys("a"));
        view.release();
        assertThat(view.batchGet(keys("a"))).containsExactly(entry("a"));
        assertThat(client.calls).containsExactly("batchGet [0x61]");
        assertThat(misses).isEmpty();
    }

    @Test
    void shouldReportNothingWithoutAPreload() {
        try (ActorKvView view = new ActorKvView("actor-1", PreloadMap.none(), client, misses::add)) {
            assertThat(view.batchGet(keys("a"))).containsExactly(entry("a"));
            assertThat(view.listPrefix(b("p"))).containsExactly(entry("p1"), entry("p2"));
        }
        assertThat(misses).isEmpty();
    }

    /** One write through the view, by a client that applies it or fails it. */
    enum Write {
        PUT(false),
        FAILED_PUT(true),
        DELETE(false),
        FAILED_DELETE(true);

        private final boolean fails;

        Write(boolean fails) {
            this.fails = fails;
        }

        void apply(ActorKvView view, InMemoryKvClient client) {
            client.failWrites = fails;
            try {
                if (this == PUT || this == FAILED_PUT) {
                    view.batchPut(List.of(
                            new KvPut(b("a"), b("new-a")),
                            new KvPut(b("x"), b("new-x")),
                            new KvPut(b("p3"), b("new-p3"))));
                } else {
                    view.batchDelete(keys("a", "x", "p1"));
                }
                assertThat(fails).as("%s returned", this).isFalse();
            } catch (IllegalStateException e) {
                assertThat(fails).as("%s threw %s", this, e).isTrue();
            } finally {
                client.failWrites = false;
            }
        }
    }

    /** The writes made through the view before the read under test. */
    enum History {
        NOTHING,
        PUT(Write.PUT),
        FAILED_PUT(Write.FAILED_PUT),
        DELETE(Write.DELETE),
        FAILED_DELETE(Write.FAILED_DELETE),
        FAILED_PUT_THEN_PUT(Write.FAILED_PUT, Write.PUT),
        PUT_THEN_FAILED_DELETE(Write.PUT, Write.FAILED_DELETE),
        FAILED_DELETE_THEN_DELETE(Write.FAILED_DELETE, Write.DELETE);

        private final Write[] writes;

        History(Write... writes) {
            this.writes = writes;
        }

        void apply(ActorKvView view, InMemoryKvClient client) {
            for (Write write : writes) {
                write.apply(view, client);
            }
        }
    }

    /** A read the view is asked for: a get (batchGet of one key), a batch get, a listing. */
    record Read(String method, String... keys) {
        List<KvEntry> on(KvClient kv) {
            return method.equals("listPrefix") ? kv.listPrefix(b(keys[0])) : kv.batchGet(Preloads.keys(keys));
        }

        @Override
        public String toString() {
            return method + Arrays.toString(keys);
        }
    }

    static Stream<Arguments> everyReadAfterEveryHistory() {
        List<Read> reads = List.of(
                new Read("batchGet", "a"),
                new Read("batchGet", "x"),
                new Read("batchGet", "gone"),
                new Read("batchGet", "p1"),
                new Read("batchGet", "p3"),
                new Read("batchGet", "a", "x", "gone", "p1", "y"),
                new Read("listPrefix", "p"),
                new Read("listPrefix", "p1"),
                new Read("listPrefix", "q"),
                new Read("listPrefix", ""));
        return Stream.of(History.values()).flatMap(history -> reads.stream().map(read -> Arguments.of(history, read)));
    }

    /**
     * The view's promise, read by read: its answer is the store's, and every key or prefix it sends
     * to the client is reported as a miss with its method, in the order sent.
     */
    @ParameterizedTest(name = "{1} after {0}")
    @MethodSource("everyReadAfterEveryHistory")
    void shouldAnswerLikeTheStoreAndReportEveryReadItSendsToTheClient(History history, Read read) {
        ActorKvView view =
                view(preload().entries("a", "p1", "p2").getKeys("a", "gone").complete("p"));
        history.apply(view, client);
        client.reads.clear();
        misses.clear();

        List<KvEntry> answer = read.on(view);

        List<String> sentToClient = List.copyOf(client.reads);
        assertThat(valuesByKey(answer)).as("the view's answer").isEqualTo(valuesByKey(read.on(client)));
        assertThat(misses)
                .extracting(miss -> miss.method() + " " + ByteStrings.hex(miss.key()))
                .as("misses reported")
                .isEqualTo(sentToClient);
        assertThat(view.missCount()).isEqualTo(sentToClient.size());
    }

    private static Map<String, String> valuesByKey(List<KvEntry> entries) {
        Map<String, String> values = new TreeMap<>();
        for (KvEntry entry : entries) {
            values.put(ByteStrings.hex(entry.key()), ByteStrings.hex(entry.value()));
        }
        return values;
    }
}
