package io.actorpreload.learner.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.learner.ByteKey;
import io.actorpreload.learner.LearnerState;
import io.actorpreload.learner.StartSample;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerStateCodecTest {
    private static ByteKey key(String s) {
        return ByteKey.of(s.getBytes());
    }

    @Test
    void shouldReadBackWhatItWrote() {
        PreloadManifest last = new PreloadManifest(
                "chat",
                List.of(ByteBuffer.wrap("A".getBytes())),
                List.of(new PrefixRequest(ByteBuffer.wrap("P/".getBytes()), 4096L, true)),
                65_536L,
                3L,
                true);
        LearnerState state = new LearnerState(
                List.of(
                        new StartSample(Map.of(key("A"), 100L, key("B"), 0L), Map.of(key("P/"), 3000L), 3, 0, 0),
                        new StartSample(Map.of(), Map.of(), 0, 5000, 12)),
                last,
                7);

        assertThat(LearnerStateCodec.read(LearnerStateCodec.write(state))).isEqualTo(state);
    }

    @Test
    void shouldReadNothingOrAnUnknownFormatAsAnEmptyState() {
        assertThat(LearnerStateCodec.read(null)).isEqualTo(LearnerState.empty());
        assertThat(LearnerStateCodec.read(new byte[] {99, 1, 2})).isEqualTo(LearnerState.empty());
    }
}
