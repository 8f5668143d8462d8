package io.actorpreload.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.WorkDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/chaos --quick} on the real stack, as a user runs it: topology, runner and registry
 * restarts and the oversized poison request while the load flows, every start counted. The resume
 * times are printed, never asserted.
 */
class ChaosQuickIT {
    @Test
    void shouldLoseDuplicateAndWronglyDeadLetterNothingUnderTheQuickFaults() {
        Path workDir = WorkDirs.create("chaos-quick-");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exitCode = ChaosMain.run(new String[] {"--quick", "--work-dir", workDir.toString()}, out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(printed)
                .containsPattern("chaos: 4 faults, \\d+ starts, lost 0, duplicated 0, good dead-lettered 0, "
                        + "max resume \\d+ ms");
        assertThat(exitCode).as(printed).isZero();
    }
}
