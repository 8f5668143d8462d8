package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirsTest {
    @TempDir
    Path dir;

    @Test
    void shouldAcceptAMissingOrEmptyFolderForANewRun() throws Exception {
        assertThat(WorkDirs.whyNotFresh(dir.resolve("new"), "--work-dir")).isEmpty();
        assertThat(WorkDirs.whyNotFresh(dir, "--work-dir")).isEmpty();
    }

    @Test
    void shouldRefuseAFolderThatHoldsFilesOrAFile() throws Exception {
        Files.writeString(dir.resolve("meta.properties"), "cluster.id=x");

        assertThat(WorkDirs.whyNotFresh(dir, "--work-dir"))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("--work-dir " + dir.toAbsolutePath() + " is not empty")
                        .contains("new or empty folder"));
        assertThat(WorkDirs.whyNotFresh(dir.resolve("meta.properties"), "--work-dir"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is a file"));
    }
}
