package io.actorpreload.schemas.manifest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidationTest {
    private static final long GLOBAL = 1024 * 1024;

    private static ByteBuffer b(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PrefixRequest prefix(String prefix, long maxBytes) {
        return new PrefixRequest(b(prefix), maxBytes, true);
    }

    private static PreloadManifest manifest(
            String actorName, List<ByteBuffer> getKeys, List<PrefixRequest> prefixes, long maxTotalBytes) {
        return new PreloadManifest(
                actorName, new ArrayList<>(getKeys), new ArrayList<>(prefixes), maxTotalBytes, null, null);
    }

    @Test
    void shouldAcceptAValidManifestUpToTheGlobalBudget() {
        PreloadManifest valid = manifest(
                "chat-room",
                List.of(b("state"), b(""), b("conn")),
                List.of(prefix("conn/", 0), prefix("page/", GLOBAL), prefix("", 10)),
                GLOBAL);
        assertThatCode(() -> ManifestValidation.validate(valid, GLOBAL)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAnEmptyActorName() {
        assertThatThrownBy(() -> ManifestValidation.validate(manifest("", List.of(), List.of(), 1), GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("actorName may not be empty. Got: \"\"");
    }

    @Test
    void shouldRejectANegativeTotalBudget() {
        assertThatThrownBy(() -> ManifestValidation.validate(manifest("a", List.of(), List.of(), -1), GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("maxTotalBytes may not be negative. Got: -1");
    }

    @Test
    void shouldRejectATotalBudgetAboveTheGlobalBudget() {
        assertThatThrownBy(() -> ManifestValidation.validate(manifest("a", List.of(), List.of(), GLOBAL + 1), GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("maxTotalBytes may not exceed the global budget of 1048576 bytes. Got: 1048577");
    }

    @Test
    void shouldRejectANegativePrefixBudgetNamingItsIndex() {
        PreloadManifest manifest =
                manifest("a", List.of(), List.of(prefix("x", 1), prefix("y", 2), prefix("z", -1)), 10);
        assertThatThrownBy(() -> ManifestValidation.validate(manifest, GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("prefixes[2].maxBytes may not be negative. Got: -1");
    }

    @Test
    void shouldRejectDuplicateGetKeysComparingContentNotPosition() {
        ByteBuffer sliced = ByteBuffer.wrap("xxstate".getBytes(StandardCharsets.UTF_8), 2, 5)
                .slice();
        PreloadManifest manifest = manifest("a", List.of(b("state"), b("other"), sliced), List.of(), 10);
        assertThatThrownBy(() -> ManifestValidation.validate(manifest, GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("getKeys[2] duplicates getKeys[0]. Got: 0x7374617465");
    }

    @Test
    void shouldRejectDuplicatePrefixes() {
        PreloadManifest manifest = manifest("a", List.of(), List.of(prefix("", 1), prefix("", 2)), 10);
        assertThatThrownBy(() -> ManifestValidation.validate(manifest, GLOBAL))
                .isInstanceOf(InvalidManifestException.class)
                .hasMessage("prefixes[1].prefix duplicates prefixes[0].prefix. Got: 0x (empty)");
    }

    @Test
    void shouldRejectANegativeGlobalBudget() {
        assertThatThrownBy(() -> ManifestValidation.validate(manifest("a", List.of(), List.of(), 0), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("globalBudgetBytes may not be negative. Got: -1");
    }
}
