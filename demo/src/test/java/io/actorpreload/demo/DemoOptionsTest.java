package io.actorpreload.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoOptionsTest {
    private final StringWriter out = new StringWriter();

    @Test
    void shouldRefuseAWorkDirThatHoldsAnEarlierRun(@TempDir Path earlier) throws Exception {
        Files.createDirectories(earlier.resolve("stack"));

        DemoOptions.Parsed parsed =
                DemoOptions.parse(new String[] {"--work-dir", earlier.toString()}, new PrintWriter(out, true));

        assertThat(parsed.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out.toString()).startsWith("error: --work-dir " + earlier.toAbsolutePath() + " is not empty");
    }

    @Test
    void shouldTakeANewWorkDir(@TempDir Path parent) {
        DemoOptions.Parsed parsed = DemoOptions.parse(
                new String[] {"--work-dir", parent.resolve("run").toString()}, new PrintWriter(out, true));

        assertThat(parsed.exitCode()).isZero();
        assertThat(parsed.options().workDir()).isEqualTo(parent.resolve("run").toAbsolutePath());
    }
}
