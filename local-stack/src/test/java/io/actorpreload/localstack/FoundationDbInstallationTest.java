package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which folders are a FoundationDB installation, and what the error says of one that is not. */
class FoundationDbInstallationTest {
    @TempDir
    Path home;

    @Test
    void shouldFindTheUnpackedLayout() throws Exception {
        touch("bin/fdbserver", "bin/fdbcli", "lib/libfdb_c.so");

        FoundationDbInstallation installation = FoundationDbInstallation.at(home);

        assertThat(installation.fdbserver()).isEqualTo(home.resolve("bin/fdbserver"));
        assertThat(installation.fdbcli()).isEqualTo(home.resolve("bin/fdbcli"));
        assertThat(installation.libraryDir()).isEqualTo(home.resolve("lib"));
        assertThat(installation.environment().get("LD_LIBRARY_PATH"))
                .startsWith(home.resolve("lib").toString());
    }

    @Test
    void shouldFindTheOfficialPackagesLayout() throws Exception {
        touch("sbin/fdbserver", "bin/fdbcli", "lib64/libfdb_c.so");

        FoundationDbInstallation installation = FoundationDbInstallation.at(home);

        assertThat(installation.fdbserver()).isEqualTo(home.resolve("sbin/fdbserver"));
        assertThat(installation.libraryDir()).isEqualTo(home.resolve("lib64"));
    }

    @Test
    void shouldNameWhatIsMissing() throws Exception {
        touch("bin/fdbserver", "lib/libfdb_c.so");

        assertThatThrownBy(() -> FoundationDbInstallation.at(home))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining(home.toString())
                .hasMessageContaining("bin/fdbcli")
                .hasMessageContaining("-Dfdb.home");
    }

    private void touch(String... paths) throws Exception {
        for (String path : paths) {
            Files.createDirectories(home.resolve(path).getParent());
            Files.createFile(home.resolve(path));
        }
    }
}
