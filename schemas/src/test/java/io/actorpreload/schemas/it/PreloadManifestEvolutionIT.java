package io.actorpreload.schemas.it;

import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_MANIFEST_V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.AvroBinary;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.CompatibilityLevel;
import io.actorpreload.schemas.registry.HttpSchemaRegistryClient;
import io.actorpreload.schemas.serde.SpecificAvroDeserializer;
import io.actorpreload.schemas.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Evolution of PreloadManifest governed by the real registry: the subject is FULL_TRANSITIVE, v1
 * (before learned manifests) is registered first; a topology built before learned manifests reads a
 * learned one as a plain manifest, and a current learner or topology reads a v1 manifest as
 * declared and not open to learning.
 */
class PreloadManifestEvolutionIT {
    private final HttpSchemaRegistryClient registry = RealRegistry.client();
    private String topic;
    private String subject;
    private int v1Id;

    @BeforeEach
    void registerV1UnderAFullTransitiveSubject() {
        topic = RealRegistry.uniqueTopic("actor-preload-manifests.evolution");
        subject = topic + "-value";
        registry.setCompatibility(subject, CompatibilityLevel.FULL_TRANSITIVE);
        v1Id = registry.register(subject, PRELOAD_MANIFEST_V1);
    }

    @Test
    void shouldLetAV1ReaderReadALearnedManifestThroughTheRegistry() {
        PreloadManifest learned = SampleRecords.preloadManifest();
        byte[] bytes = new SpecificAvroSerializer<>(PreloadManifest.class, registry).serialize(topic, learned);

        int writerId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        GenericRecord readByV1 = (GenericRecord) AvroBinary.readGeneric(
                registry.schemaById(writerId), PRELOAD_MANIFEST_V1, Arrays.copyOfRange(bytes, 5, bytes.length));

        assertThat(writerId).isNotEqualTo(v1Id);
        assertThat(registry.versions(subject)).hasSize(2);
        assertThat(readByV1.hasField("learnedVersion")).isFalse();
        assertThat(readByV1.hasField("learn")).isFalse();
        assertThat(readByV1.get("actorName")).hasToString(learned.getActorName());
        assertThat(readByV1.get("getKeys")).isEqualTo(learned.getGetKeys());
        assertThat(readByV1.get("maxTotalBytes")).isEqualTo(learned.getMaxTotalBytes());
    }

    @Test
    void shouldLetACurrentReaderReadAV1ManifestAsDeclaredThroughTheRegistry() {
        PreloadManifest declared = SampleRecords.declaredManifest();
        GenericRecord v1 = (GenericRecord)
                AvroBinary.readGeneric(declared.getSchema(), PRELOAD_MANIFEST_V1, AvroBinary.write(declared));
        byte[] v1Bytes = wireFormat(v1Id, AvroBinary.writeGeneric(PRELOAD_MANIFEST_V1, v1));

        PreloadManifest read =
                new SpecificAvroDeserializer<>(PreloadManifest.class, registry).deserialize(topic, v1Bytes);

        assertThat(read).isEqualTo(declared);
        assertThat(read.getLearnedVersion()).isNull();
        assertThat(read.getLearn()).isNull();
    }

    private static byte[] wireFormat(int schemaId, byte[] avro) {
        return ByteBuffer.allocate(5 + avro.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(avro)
                .array();
    }
}
