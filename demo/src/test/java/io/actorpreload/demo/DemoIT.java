package io.actorpreload.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job, end to end on the shared broker and registry, with a few actors of every kind. */
class DemoIT {
    @TempDir
    Path workDir;

    @Test
    void shouldStartEveryActorOnceWithRightAnswersAndExitZero() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exitCode = DemoMain.run(
                new String[] {"--actors", "60", "--runners", "2", "--work-dir", workDir.toString()},
                out,
                false,
                dir -> SharedLocalStack.get(),
                false);

        String summary = buffer.toString(StandardCharsets.UTF_8);
        assertThat(summary)
                .contains("actors started               60")
                .contains("duplicate deliveries         0")
                .contains("commands PRELOADED           54")
                .contains("commands NO_MANIFEST         6")
                .contains("wrong answers                0")
                .contains("PASS")
                .contains("learned manifest summary")
                .contains("PASS: learning reached 0 KV round trips per start and every answer was right.");
        assertThat(exitCode).as(summary).isZero();
    }

    /**
     * The demo's topics and application id are fixed names, so a second run cannot share the first
     * one's broker: this one starts (and stops) a stack of its own.
     */
    @Test
    void shouldPassOnAFoundationDbServerOfItsOwn() {
        Optional<String> unavailable = LocalStore.Kind.FDB.whyUnavailable();
        assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

        int exitCode = DemoMain.run(
                new String[] {"--store", "fdb", "--actors", "60", "--runners", "2", "--work-dir", workDir.toString()},
                out,
                false,
                LocalStack::start,
                true);

        String summary = buffer.toString(StandardCharsets.UTF_8);
        assertThat(summary)
                .contains("store: FoundationDB (1 process")
                .contains("actors started               60")
                .contains("duplicate deliveries         0")
                .contains("commands PRELOADED           54")
                .contains("wrong answers                0")
                .contains("PASS: learning reached 0 KV round trips per start and every answer was right.");
        assertThat(exitCode).as(summary).isZero();
        assertThat(workDir.resolve("fdb").resolve("fdbserver-0").resolve("data"))
                .doesNotExist();
    }

    @Test
    void shouldRefuseUnknownOptionsWithUsage() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exitCode = DemoMain.run(
                new String[] {"--actor", "5"},
                new PrintStream(buffer, true, StandardCharsets.UTF_8),
                false,
                dir -> {
                    throw new AssertionError("no stack for a usage error");
                },
                false);

        assertThat(exitCode).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("error: Unknown options: '--actor'")
                .contains("Usage: demo");
    }
}
