package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosMainTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void shouldExitWithTwoOnAnUnknownOption() {
        assertThat(ChaosMain.run(new String[] {"--no-such-option"}, out)).isEqualTo(2);
    }

    @Test
    void shouldExitWithTwoOnARateOutOfRangeWithoutStartingAnything() {
        assertThat(ChaosMain.run(new String[] {"--rate", "0"}, out)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--rate must be between 1 and 1000");
    }

    @Test
    void shouldRefuseAWorkDirThatHoldsAnEarlierRunWithOneLineAndExitTwo(@TempDir Path earlier) throws Exception {
        Files.createDirectories(earlier.resolve("stack/kafka/kraft-data"));

        assertThat(ChaosMain.run(new String[] {"--quick", "--work-dir", earlier.toString()}, out))
                .isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip())
                .startsWith("error: --work-dir " + earlier.toAbsolutePath() + " is not empty")
                .doesNotContain("\tat ");
    }

    @Test
    void shouldHelpWithExitZero() {
        assertThat(ChaosMain.run(new String[] {"--help"}, out)).isZero();
    }
}
