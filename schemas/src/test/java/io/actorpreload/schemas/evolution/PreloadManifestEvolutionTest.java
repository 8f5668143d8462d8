package io.actorpreload.schemas.evolution;

import static io.actorpreload.schemas.evolution.SchemaHistory.PRELOAD_MANIFEST_V1;
import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.AvroBinary;
import io.actorpreload.schemas.SampleRecords;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Manifests written with one version of PreloadManifest, read with another (plain Avro, no registry). */
class PreloadManifestEvolutionTest {

    @Test
    void shouldReadAV1ManifestAsDeclaredAndNotLearnable() {
        PreloadManifest current = SampleRecords.preloadManifest();
        byte[] v1Bytes = AvroBinary.writeGeneric(
                PRELOAD_MANIFEST_V1,
                AvroBinary.readGeneric(current.getSchema(), PRELOAD_MANIFEST_V1, AvroBinary.write(current)));

        PreloadManifest read = AvroBinary.readSpecific(PreloadManifest.class, PRELOAD_MANIFEST_V1, v1Bytes);

        assertThat(read)
                .isEqualTo(PreloadManifest.newBuilder(current)
                        .setLearnedVersion(null)
                        .setLearn(null)
                        .build());
    }

    @Test
    void shouldLetAV1ReaderReadALearnedManifestIgnoringTheNewFields() {
        PreloadManifest learned = SampleRecords.preloadManifest();

        GenericRecord read = (GenericRecord)
                AvroBinary.readGeneric(learned.getSchema(), PRELOAD_MANIFEST_V1, AvroBinary.write(learned));

        assertThat(read.hasField("learnedVersion")).isFalse();
        assertThat(read.get("actorName")).hasToString(learned.getActorName());
        assertThat(read.get("getKeys")).isEqualTo(learned.getGetKeys());
        assertThat(read.get("maxTotalBytes")).isEqualTo(learned.getMaxTotalBytes());
    }
}
