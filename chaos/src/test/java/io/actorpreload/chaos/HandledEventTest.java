package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import org.junit.jupiter.api.Test;

class HandledEventTest {
    @Test
    void shouldReadBackTheLineItWrites() {
        HandledEvent event = new HandledEvent(
                new RequestKey("chaos-000001", 1), "runner-2", 1_700_000_000_123L, PreloadStatus.STORE_ERROR);

        assertThat(HandledEvent.parse(event.toLine())).contains(event);
    }

    @Test
    void shouldSkipALineCutShortByAKill() {
        assertThat(HandledEvent.parse("chaos-000001 1 runn")).isEmpty();
        assertThat(HandledEvent.parse("chaos-000001 1 runner-2 17000x PRELOADED"))
                .isEmpty();
        assertThat(HandledEvent.parse("chaos-000001 1 runner-2 1700000000123 PRELO"))
                .isEmpty();
    }
}
