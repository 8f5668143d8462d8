package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingPairsTest {
    @Test
    void shouldKeepThePairsInOrderWithTheLaterOfTwoKeysWinning() {
        assertThat(SettingPairs.parse("p", " num.io.threads = 2;;group.coordinator.threads=1;num.io.threads=3; "))
                .containsExactly(Map.entry("num.io.threads", "3"), Map.entry("group.coordinator.threads", "1"));
    }

    @Test
    void shouldKeepEverythingAfterTheFirstEqualsSignAsTheValue() {
        assertThat(SettingPairs.parse("p", "jvm=-Da=b")).containsExactly(Map.entry("jvm", "-Da=b"));
    }

    @Test
    void shouldNameThePropertyAndThePairItCannotRead() {
        assertThatThrownBy(() -> SettingPairs.parse("localstack.kafka.settings", "num.io.threads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localstack.kafka.settings takes key=value pairs separated by ';', not 'num.io.threads'");
        assertThatThrownBy(() -> SettingPairs.parse("p", "=2")).hasMessageContaining("not '=2'");
    }

    @Test
    void shouldGiveNothingForAnUnsetProperty() {
        assertThat(SettingPairs.fromSystemProperty("localstack.test.unset." + System.nanoTime()))
                .isEmpty();
    }
}
