package io.actorpreload.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void shouldDoubleTheBackoffUpToTheMax() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(350));

        assertThat(policy.backoffBefore(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoffBefore(3)).isEqualTo(Duration.ofMillis(350));
        assertThat(policy.backoffBefore(40)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void shouldRejectNegativeRetries() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("Got: -1");
    }
}
