package io.actorpreload.runner.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadStatus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded buffer between start-ups and the report sender: never blocks, counts what it drops. */
class ReportBufferTest {
    private final RunnerCounters counters = new RunnerCounters();
    private final List<ActorStartReport> delivered = new CopyOnWriteArrayList<>();

    private static ActorStartReport report(int i) {
        return ActorStartReport.newBuilder()
                .setActorName("chat")
                .setActorId("a-" + i)
                .setGeneration(1)
                .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                .setReads(List.of())
                .build();
    }

    @Test
    void shouldDropAndCountReportsBeyondItsCapacityWithoutWaitingForAStuckSender() throws Exception {
        CountDownLatch senderStuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReportBuffer buffer = new ReportBuffer(
                3,
                10,
                (batch, onSent, onDropped) -> {
                    senderStuck.countDown();
                    awaitQuietly(release);
                    batch.forEach(r -> {
                        delivered.add(r);
                        onSent.run();
                    });
                },
                counters,
                "test-reports");
        buffer.offer(report(0));
        assertThat(senderStuck.await(30, TimeUnit.SECONDS)).isTrue();

        for (int i = 1; i <= 10; i++) {
            buffer.offer(report(i)); // the sender holds report 0: three fit, seven are dropped
        }
        release.countDown();
        buffer.close();

        assertThat(counters.startupReportsDropped()).isEqualTo(7);
        assertThat(counters.startupReportsSent()).isEqualTo(4);
        assertThat(delivered).extracting(ActorStartReport::getActorId).containsExactly("a-0", "a-1", "a-2", "a-3");
    }

    @Test
    void shouldCountAFailingSendAsDroppedAndGoOn() {
        ReportBuffer buffer = new ReportBuffer(
                100,
                10,
                (batch, onSent, onDropped) -> {
                    if (batch.get(0).getActorId().equals("a-0")) {
                        throw new IllegalStateException("broker unreachable");
                    }
                    batch.forEach(r -> onSent.run());
                },
                counters,
                "test-reports");
        buffer.offer(report(0));
        awaitCount(() -> counters.startupReportsDropped() == 1);
        buffer.offer(report(1));
        buffer.close();

        assertThat(counters.startupReportsDropped()).isEqualTo(1);
        assertThat(counters.startupReportsSent()).isEqualTo(1);
    }

    @Test
    void shouldDropWhatIsOfferedAfterClose() {
        ReportBuffer buffer = new ReportBuffer(
                10, 10, (batch, onSent, onDropped) -> batch.forEach(r -> onSent.run()), counters, "test-reports");
        buffer.close();

        buffer.offer(report(0));

        assertThat(counters.startupReportsDropped()).isEqualTo(1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitCount(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
