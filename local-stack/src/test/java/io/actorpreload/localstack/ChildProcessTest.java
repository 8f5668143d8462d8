package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
    private final Path workDir = WorkDirs.create("child-process-test-");

    @Test
    void shouldStopProcessAndItsDescendants() throws Exception {
        ChildProcess child = ChildProcess.start(
                "sleeper", List.of("sh", "-c", "sleep 60 & wait"), workDir, workDir.resolve("sleeper.log"));
        List<ProcessHandle> descendants = awaitDescendants(child);

        child.stop();

        assertThat(child.isAlive()).isFalse();
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void shouldReportExitCodeAndLogTailWhenCommandFails() {
        assertThatThrownBy(() -> ChildProcess.run(
                        "failing tool",
                        List.of("sh", "-c", "echo something broke; exit 3"),
                        workDir,
                        workDir.resolve("failing.log"),
                        30))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("failing tool failed with exit code 3")
                .hasMessageContaining("something broke")
                .hasMessageContaining(workDir.resolve("failing.log").toString());
    }

    @Test
    void shouldRecogniseBindFailuresInTheLog() throws Exception {
        ChildProcess failed = ChildProcess.start(
                "binder",
                List.of("sh", "-c", "echo 'java.net.BindException: Address already in use'"),
                workDir,
                workDir.resolve("binder.log"));
        ChildProcess fine =
                ChildProcess.start("quiet", List.of("sh", "-c", "echo started"), workDir, workDir.resolve("quiet.log"));
        failed.handle().onExit().get();
        fine.handle().onExit().get();

        assertThat(failed.failedToBindPort()).isTrue();
        assertThat(fine.failedToBindPort()).isFalse();
    }

    private static List<ProcessHandle> awaitDescendants(ChildProcess child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> descendants = child.handle().descendants().toList();
            if (!descendants.isEmpty()) {
                return descendants;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child started no descendant");
    }
}
