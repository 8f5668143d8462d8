package io.actorpreload.runner.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CommandRetriesTest {
    private static final TopicPartition P0 = new TopicPartition("runner.r1.commands", 0);
    private static final TopicPartition P1 = new TopicPartition("runner.r1.commands", 1);

    private final AtomicLong now = new AtomicLong();
    private final CommandRetries retries =
            new CommandRetries(Duration.ofMillis(100), Duration.ofMillis(500), 3, Duration.ofSeconds(60), now::get);

    private static CommandFailure failure(CommandFailure.Kind kind, int schemaId) {
        return new CommandFailure(kind, OptionalInt.of(schemaId), kind.name(), null);
    }

    @Test
    void shouldDeadLetterUndecodableCommandsAtOnce() {
        assertThat(retries.onFailure(P0, 5, failure(CommandFailure.Kind.UNDECODABLE, 1)))
                .isEqualTo(new CommandRetries.Decision(true, Duration.ZERO, 1));
        assertThat(retries.onFailure(P0, 6, failure(CommandFailure.Kind.NO_VALUE, 1))
                        .deadLetter())
                .isTrue();
    }

    @Test
    void shouldRetryAFailingHandlerWithGrowingWaitsThenDeadLetterIt() {
        CommandFailure failed = failure(CommandFailure.Kind.HANDLER_FAILED, 1);
        assertThat(retries.onFailure(P0, 5, failed))
                .isEqualTo(new CommandRetries.Decision(false, Duration.ofMillis(100), 1));
        assertThat(retries.onFailure(P0, 5, failed))
                .isEqualTo(new CommandRetries.Decision(false, Duration.ofMillis(200), 2));
        assertThat(retries.onFailure(P0, 5, failed)).isEqualTo(new CommandRetries.Decision(true, Duration.ZERO, 3));
        assertThat(retries.attempts(P0, 5)).isEqualTo(3);
    }

    @Test
    void shouldCountAttemptsPerCommandAndPerPartition() {
        CommandFailure failed = failure(CommandFailure.Kind.HANDLER_FAILED, 1);
        retries.onFailure(P0, 5, failed);
        retries.onFailure(P0, 5, failed);
        assertThat(retries.onFailure(P1, 5, failed).attempts()).isEqualTo(1);
        assertThat(retries.onFailure(P0, 6, failed).attempts())
                .as("the next command starts over")
                .isEqualTo(1);
        retries.done(P1, OptionalInt.empty());
        assertThat(retries.onFailure(P1, 5, failed).attempts()).isEqualTo(1);
        retries.forget(List.of(P0));
        assertThat(retries.attempts(P0, 6)).isZero();
    }

    @Test
    void shouldCapTheWait() {
        assertThat(retries.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(retries.backoffBefore(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(retries.backoffBefore(5)).isEqualTo(Duration.ofMillis(500));
        assertThat(retries.backoffBefore(50)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldRetryAnUnreachableRegistryWithoutLimit() {
        CommandFailure outage = failure(CommandFailure.Kind.REGISTRY_UNAVAILABLE, 7);
        for (int i = 0; i < 100; i++) {
            now.addAndGet(Duration.ofMinutes(10).toNanos());
            assertThat(retries.onFailure(P0, 5, outage).deadLetter()).isFalse();
        }
    }

    @Test
    void shouldGiveUpAnUnknownSchemaIdAfterTheTimeoutCountedFromItsFirstMiss() {
        CommandFailure unknown = failure(CommandFailure.Kind.UNKNOWN_SCHEMA_ID, 7);
        assertThat(retries.onFailure(P0, 5, unknown).deadLetter()).isFalse();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(retries.onFailure(P0, 5, unknown).deadLetter()).isFalse();
        assertThat(retries.unknownFor(unknown)).isEqualTo(Duration.ofSeconds(59));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(retries.onFailure(P0, 5, unknown).deadLetter()).isTrue();
        retries.done(P0, OptionalInt.empty());
        // The next command with the same id does not wait the whole time again.
        assertThat(retries.onFailure(P0, 6, unknown).deadLetter()).isTrue();
        // Another id has its own clock.
        assertThat(retries.onFailure(P1, 9, failure(CommandFailure.Kind.UNKNOWN_SCHEMA_ID, 8))
                        .deadLetter())
                .isFalse();
    }

    @Test
    void shouldStartTheClockAgainOnceTheIdResolved() {
        CommandFailure unknown = failure(CommandFailure.Kind.UNKNOWN_SCHEMA_ID, 7);
        retries.onFailure(P0, 5, unknown);
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        retries.done(P0, OptionalInt.of(7)); // a command with id 7 decoded
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(retries.onFailure(P0, 6, unknown).deadLetter()).isFalse();
    }

    @Test
    void shouldRememberADeadLetterThatCouldNotBeWritten() {
        CommandFailure failed = failure(CommandFailure.Kind.HANDLER_FAILED, 1);
        retries.onFailure(P0, 5, failed);
        retries.onFailure(P0, 5, failed);
        retries.onFailure(P0, 5, failed);
        assertThat(retries.deadLetterFailed(P0, 5, failed)).isEqualTo(Duration.ofMillis(500));
        assertThat(retries.pendingDeadLetter(P0, 5)).isSameAs(failed);
        assertThat(retries.attempts(P0, 5)).isEqualTo(3);
        assertThat(retries.pendingDeadLetter(P0, 6)).isNull();
    }
}
