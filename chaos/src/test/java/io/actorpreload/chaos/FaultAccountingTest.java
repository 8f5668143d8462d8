package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultAccountingTest {
    private static final FaultWindow WINDOW =
            new FaultWindow("topology SIGKILL + restart", 1, true, 1_000, 2_000, 2_500, 9_000);

    private static SentRequest sent(String actorId, String runnerId, int partition, long sentAt) {
        return new SentRequest(new RequestKey(actorId, 1), runnerId, partition, sentAt, 1);
    }

    private static HandledEvent handled(String actorId, String runnerId, long at) {
        return new HandledEvent(new RequestKey(actorId, 1), runnerId, at, PreloadStatus.PRELOADED);
    }

    @Test
    void shouldCountLostDuplicatedAndGoodDeadLetteredRequests() {
        List<SentRequest> sent = List.of(
                sent("a", "r1", 0, 1_100),
                sent("b", "r1", 0, 1_200),
                sent("c", "r2", 1, 1_300),
                sent("d", "r2", 1, 1_400));
        Map<RequestKey, Integer> commands =
                Map.of(new RequestKey("a", 1), 1, new RequestKey("b", 1), 2, new RequestKey("d", 1), 1);

        FaultAccounting.Totals totals = FaultAccounting.totals(sent, commands, Set.of("c", "poison"), List.of());

        assertThat(totals.delivered()).isEqualTo(3);
        assertThat(totals.lost()).isEqualTo(1);
        assertThat(totals.duplicated()).isEqualTo(1);
        assertThat(totals.goodDeadLettered()).isEqualTo(1);
    }

    @Test
    void shouldCountHandlerCallsBeyondTheFirstAsRehandledNotAsHandled() {
        List<SentRequest> sent = List.of(sent("a", "r1", 0, 1_100), sent("b", "r1", 0, 1_200));
        List<HandledEvent> events =
                List.of(handled("a", "r1", 1_300), handled("a", "r1", 4_000), handled("b", "r1", 1_400));

        FaultAccounting.Totals totals = FaultAccounting.totals(sent, Map.of(), Set.of(), events);

        assertThat(totals.handled()).isEqualTo(2);
        assertThat(totals.rehandled()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheLongestGapBetweenConsecutiveHandledCommandsInsideTheWindowOnly() {
        List<HandledEvent> events = List.of(
                handled("x", "r1", 500),
                handled("a", "r1", 1_100),
                handled("b", "r2", 1_300),
                handled("c", "r1", 4_300),
                handled("d", "r2", 4_400),
                handled("y", "r1", 20_000));

        assertThat(FaultAccounting.longestStall(events, 1_000, 9_000)).isEqualTo(3_000);
    }

    @Test
    void shouldMeasureResumeFromTheRestartToTheLastPartitionOrRunnerToHandleARequestSentAfterTheInjection() {
        List<SentRequest> sent =
                List.of(sent("before", "r1", 0, 1_900), sent("p0", "r1", 0, 2_100), sent("p1", "r2", 1, 2_200));
        List<HandledEvent> events =
                List.of(handled("before", "r1", 2_600), handled("p0", "r1", 3_000), handled("p1", "r2", 6_500));

        assertThat(FaultAccounting.resume(WINDOW, sent, events)).isEqualTo(4_000);
    }

    @Test
    void shouldReportNoResumeWhileAPartitionHasHandledNothingSentAfterTheInjection() {
        List<SentRequest> sent = List.of(sent("p0", "r1", 0, 2_100), sent("p1", "r2", 1, 2_200));
        List<HandledEvent> events = List.of(handled("p0", "r1", 3_000));

        assertThat(FaultAccounting.resume(WINDOW, sent, events)).isEqualTo(-1);
    }

    @Test
    void shouldIgnoreCommandsHandledBeforeTheRestartWhenMeasuringResume() {
        FaultWindow registry = new FaultWindow("registry stop + restart", 1, true, 1_000, 2_000, 5_000, 9_000);
        List<SentRequest> sent = List.of(sent("during", "r1", 0, 2_100), sent("after", "r1", 0, 5_100));
        List<HandledEvent> events = List.of(handled("during", "r1", 2_300), handled("after", "r1", 5_300));

        assertThat(FaultAccounting.resume(registry, sent, events)).isEqualTo(300);
    }

    @Test
    void shouldFillARowFromTheRecordedEvents() {
        List<SentRequest> sent = List.of(sent("a", "r1", 0, 2_100), sent("b", "r2", 1, 2_200));
        Map<RequestKey, Integer> commands = Map.of(new RequestKey("a", 1), 1, new RequestKey("b", 1), 1);
        List<HandledEvent> events = List.of(handled("a", "r1", 3_000), handled("b", "r2", 3_500));

        FaultRow row = FaultAccounting.account(WINDOW, sent, commands, Set.of(), events, true, "");

        assertThat(row)
                .isEqualTo(new FaultRow("topology SIGKILL + restart", true, 2, 2, 0, 0, 0, 2, 0, 500, 1_000, true, ""));
        assertThat(row.failed()).isFalse();
    }
}
