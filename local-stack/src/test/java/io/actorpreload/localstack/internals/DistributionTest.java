package io.actorpreload.localstack.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.localstack.LocalStackException;
import io.actorpreload.localstack.WorkDirs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DistributionTest {
    @Test
    void shouldFindWhatTheBuildPrepared() {
        assertThat(Distribution.kafkaLibs().toFile().list()).anyMatch(name -> name.startsWith("kafka_2.13-"));
        assertThat(Distribution.apicurioRunnerJar()).isRegularFile();
    }

    @Test
    void shouldExplainAnEmptyOverrideAndHowToBuild() {
        Path empty = WorkDirs.create("empty-");
        String previous = System.getProperty(Distribution.KAFKA_LIBS_PROPERTY);
        System.setProperty(Distribution.KAFKA_LIBS_PROPERTY, empty.toString());
        try {
            assertThatThrownBy(Distribution::kafkaLibs)
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(empty.toString())
                    .hasMessageContaining("mvn -B -pl local-stack -am install");
        } finally {
            if (previous == null) {
                System.clearProperty(Distribution.KAFKA_LIBS_PROPERTY);
            } else {
                System.setProperty(Distribution.KAFKA_LIBS_PROPERTY, previous);
            }
        }
    }
}
