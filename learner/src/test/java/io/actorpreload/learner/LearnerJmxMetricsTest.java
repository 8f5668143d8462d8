package io.actorpreload.learner;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.learner.internals.LearnerJmxMetrics;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The learner's per-type figures, read through the platform MBean server as an operator's agent reads them. */
class LearnerJmxMetricsTest {
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void shouldShowEachTypeSeenWithItsFiguresAndUnregisterAtClose() throws Exception {
        ObjectName chat = new ObjectName("actor.preload.learner:type=learner-actor-type-metrics,actor-type=chat");
        try (LearnerJmxMetrics metrics = new LearnerJmxMetrics()) {
            LearnerStatus status = new LearnerStatus(metrics::typeSeen);
            metrics.watch(status);
            assertThat(jmx.isRegistered(chat)).as("no type seen yet").isFalse();

            LearnerState state = LearnerState.empty()
                    .withStart(
                            Samples.start().get("state", 100).list("conn/", 50).sample(), 20);
            status.update("chat", state, null);
            status.update(
                    "chat", state.withStart(Samples.start().get("state", 100).sample(), 20), null);

            assertThat(((Number) jmx.getAttribute(chat, "starts-seen-total")).doubleValue())
                    .isEqualTo(2);
            assertThat(((Number) jmx.getAttribute(chat, "round-trips-per-start")).doubleValue())
                    .isEqualTo(1.5);
            assertThat(((Number) jmx.getAttribute(chat, "version-in-force")).doubleValue())
                    .isZero();
        }
        assertThat(jmx.isRegistered(chat)).isFalse();
    }
}
