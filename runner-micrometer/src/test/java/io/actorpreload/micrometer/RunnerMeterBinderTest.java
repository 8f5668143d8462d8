package io.actorpreload.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.runner.ActorTypeStartups;
import io.actorpreload.runner.RunnerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A runner's counters in a Micrometer registry, following the metrics as they move. */
class RunnerMeterBinderTest {
    private final AtomicLong handled = new AtomicLong();

    /** A fake of our own interface: only the handled count moves. */
    private final RunnerMetrics metrics = new RunnerMetrics() {
        @Override
        public long commandsHandled() {
            return handled.get();
        }

        @Override
        public long redeliveriesSkipped() {
            return 1;
        }

        @Override
        public long schemaRetries() {
            return 0;
        }

        @Override
        public long handlerFailures() {
            return 2;
        }

        @Override
        public long deadLettered() {
            return 0;
        }

        @Override
        public Map<String, Long> preloadFailures() {
            return Map.of("timeout", 3L);
        }

        @Override
        public long stalePreloadsDropped() {
            return 0;
        }

        @Override
        public long offsetCommits() {
            return 0;
        }

        @Override
        public long startupReportsSent() {
            return 0;
        }

        @Override
        public long startupReportsDropped() {
            return 0;
        }

        @Override
        public Map<String, ActorTypeStartups> actorTypes() {
            return Map.of("chat-room", new ActorTypeStartups(7, 5, 1000, 100));
        }
    };

    @Test
    void shouldBindEveryCounterTaggedWithTheRunner() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RunnerMeterBinder("runner-1", metrics).bindTo(registry);
        handled.set(42);

        assertThat(registry.get("actor.preload.runner.commands.handled")
                        .tag("runner.id", "runner-1")
                        .functionCounter()
                        .count())
                .isEqualTo(42);
        assertThat(registry.get("actor.preload.runner.handler.failures")
                        .functionCounter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("actor.preload.runner.preload.failures")
                        .tag("kind", "timeout")
                        .functionCounter()
                        .count())
                .isEqualTo(3);
        assertThat(registry.get("actor.preload.runner.preload.failures")
                        .tag("kind", "store-error")
                        .functionCounter()
                        .count())
                .isZero();
        assertThat(registry.get("actor.preload.runner.actor.type.starts")
                        .tag("actor.type", "chat-room")
                        .functionCounter()
                        .count())
                .isEqualTo(7);
    }
}
