package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class ManifestVerdictsTest {
    private static final String TOPIC = "actor-preload-manifests";
    private static final long BUDGET = 1024 * 1024;

    private final SpecificAvroSerde<PreloadManifest> serde = new SpecificAvroSerde<>(PreloadManifest.class);
    private final AtomicInteger decodes = new AtomicInteger();
    private RuntimeException nextFailure;
    private final Deserializer<PreloadManifest> countingDecoder = (topic, bytes) -> {
        decodes.incrementAndGet();
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
        return serde.deserializer().deserialize(topic, bytes);
    };
    private final ManifestVerdicts verdicts;

    ManifestVerdictsTest() {
        serde.configure(Map.of("schema.registry.url", "mock://" + UUID.randomUUID()), false);
        verdicts = new ManifestVerdicts(TOPIC, countingDecoder, BUDGET);
    }

    @Test
    void shouldDecodeAVersionOnceForAllItsRequests() {
        byte[] v1 = bytes(manifest(10_000));

        ManifestVerdicts.Verdict first = verdicts.verdictOf("counter", v1);
        ManifestVerdicts.Verdict again = verdicts.verdictOf("counter", v1.clone());

        assertThat(first).isInstanceOf(ManifestVerdicts.Usable.class);
        assertThat(again).isSameAs(first);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void shouldDecideAgainWhenTheVersionChanges() {
        verdicts.verdictOf("counter", bytes(manifest(10_000)));

        ManifestVerdicts.Verdict second = verdicts.verdictOf("counter", bytes(manifest(20_000)));

        assertThat(((ManifestVerdicts.Usable) second).manifest().getMaxTotalBytes())
                .isEqualTo(20_000);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldJudgeGarbageUnusableOncePerVersion() {
        byte[] garbage = "not a manifest".getBytes(StandardCharsets.UTF_8);

        ManifestVerdicts.Verdict verdict = verdicts.verdictOf("counter", garbage);
        verdicts.verdictOf("counter", garbage);
        verdicts.verdictOf("counter", garbage);

        assertThat(verdict).isInstanceOf(ManifestVerdicts.Unusable.class);
        assertThat(((ManifestVerdicts.Unusable) verdict).reason())
                .contains("cannot be decoded")
                .contains("WRONG_MAGIC_BYTE");
        assertThat(decodes).hasValue(1);
    }

    @Test
    void shouldJudgeAnInvalidManifestUnusable() {
        ManifestVerdicts.Verdict verdict = verdicts.verdictOf("counter", bytes(manifest(-1)));

        assertThat(((ManifestVerdicts.Unusable) verdict).reason())
                .contains("invalid")
                .contains("maxTotalBytes");
    }

    @Test
    void shouldClampAManifestAskingMoreThanTheGlobalBudgetOncePerVersion() {
        byte[] greedy = bytes(manifest(BUDGET + 1));

        ManifestVerdicts.Verdict verdict = verdicts.verdictOf("counter", greedy);
        verdicts.verdictOf("counter", greedy);

        assertThat(verdict).isInstanceOfSatisfying(ManifestVerdicts.Usable.class, usable -> {
            assertThat(usable.manifest().getMaxTotalBytes()).isEqualTo(BUDGET);
            assertThat(usable.askedBytes()).isEqualTo(BUDGET + 1);
            assertThat(usable.clamped()).isTrue();
        });
        assertThat(verdicts.clampedVersions()).isEqualTo(1);
        assertThat(decodes).hasValue(1);
    }

    @Test
    void shouldLeaveAManifestWithinTheGlobalBudgetAsItIs() {
        ManifestVerdicts.Usable usable =
                (ManifestVerdicts.Usable) verdicts.verdictOf("counter", bytes(manifest(BUDGET)));

        assertThat(usable.clamped()).isFalse();
        assertThat(usable.manifest().getMaxTotalBytes()).isEqualTo(BUDGET);
        assertThat(verdicts.clampedVersions()).isZero();
    }

    @Test
    void shouldThrowATransientRegistryFailureAndDecideNothing() {
        byte[] v1 = bytes(manifest(10_000));
        nextFailure = new SchemaRegistryException("GET /schemas/ids/1", 0, 0, "Connection refused");

        assertThatThrownBy(() -> verdicts.verdictOf("counter", v1)).isInstanceOf(SchemaRegistryException.class);

        assertThat(verdicts.verdictOf("counter", v1)).isInstanceOf(ManifestVerdicts.Usable.class);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void shouldKeepTheVerdictsOfActorTypesApart() {
        verdicts.verdictOf("counter", "garbage".getBytes(StandardCharsets.UTF_8));

        assertThat(verdicts.verdictOf("chat", bytes(manifest("chat", 10_000))))
                .isInstanceOf(ManifestVerdicts.Usable.class);
    }

    @Test
    void shouldRefuseAManifestNamingAnotherActorTypeThanItsKey() {
        ManifestVerdicts.Verdict verdict = verdicts.verdictOf("chat", bytes(manifest(10_000)));

        assertThat(verdict).isInstanceOf(ManifestVerdicts.Unusable.class);
        assertThat(((ManifestVerdicts.Unusable) verdict).reason())
                .contains("actorName counter")
                .contains("key chat");
    }

    private byte[] bytes(PreloadManifest manifest) {
        return serde.serializer().serialize(TOPIC, manifest);
    }

    private static PreloadManifest manifest(long maxTotalBytes) {
        return manifest("counter", maxTotalBytes);
    }

    private static PreloadManifest manifest(String actorName, long maxTotalBytes) {
        return PreloadManifest.newBuilder()
                .setActorName(actorName)
                .setGetKeys(List.of(ByteBuffer.wrap("state".getBytes(StandardCharsets.UTF_8))))
                .setPrefixes(List.of(PrefixRequest.newBuilder()
                        .setPrefix(ByteBuffer.wrap("conn/".getBytes(StandardCharsets.UTF_8)))
                        .setMaxBytes(4096)
                        .setPartial(true)
                        .build()))
                .setMaxTotalBytes(maxTotalBytes)
                .build();
    }
}
