package io.actorpreload.runner;

import static io.actorpreload.runner.Preloads.b;
import static io.actorpreload.runner.Preloads.entry;
import static io.actorpreload.runner.Preloads.keys;
import static io.actorpreload.runner.Preloads.preload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActorKvViewTest {
    private final InMemoryKvClient client = new InMemoryKvClient()
            .with(entry("a"), entry("p1"), entry("p2"), entry("x"), entry("y"));
    private final List<PreloadMiss> misses = new ArrayList<>();

    private ActorKvView view(Preloads preload) {
        return new ActorKvView("actor-1", preload.map(), client, misses::add);
    }

    private static KvEntry written(String key, String value) {
        return new KvEntry(b(key), b(value), Optional.empty());
    }

    @Test
    void shouldAnswerAuthoritativeReadsWithoutTheClient() {
        ActorKvView view = view(preload().entries("a", "p1", "p2").getKeys("a", "gone").complete("p"));
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
        assertThat(misses).containsExactly(
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
        assertThat(misses).extracting(PreloadMiss::method, PreloadMiss::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("listPrefix", 1L),
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
        assertThatThrownBy(() -> view.batchPut(List.of(new KvPut(b("a"), b("new"))))).hasMessage("store unavailable");
        assertThatThrownBy(() -> view.batchDelete(keys("p1"))).hasMessage("store unavailable");
        client.calls.clear();
        view.batchGet(keys("a"));
        view.listPrefix(b("p"));
        assertThat(client.calls).containsExactly("batchGet [0x61]", "listPrefix 0x70");
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
}
