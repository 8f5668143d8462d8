package io.actorpreload.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built archive, unpacked into an empty folder far from the source tree and the Maven
 * repository, started as a user would: it must answer {@code --help} and refuse bad input with one
 * line and exit code 2.
 */
class DistributionIT {
    @TempDir
    static Path unpacked;

    @TempDir
    static Path outputs;

    private static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        launcher = DistributionArchive.unpack(unpacked);
    }

    @Test
    void shouldPrintHelp() throws Exception {
        Result help = run(List.of(launcher.toString(), "run", "--help"));
        assertEquals(0, help.exitCode, help.err);
        assertTrue(help.out.contains("--config"), help.out);
    }

    @Test
    void shouldRefuseAMissingConfigFileWithOneLineAndExitTwo() throws Exception {
        Result result = run(List.of(
                launcher.toString(),
                "run",
                "--config",
                outputs.resolve("nope.properties").toString()));
        assertEquals(2, result.exitCode, result.err);
        assertOneErrorLine(result, "does not exist");
    }

    @Test
    void shouldRefuseABadConfigWithOneLineAndExitTwo() throws Exception {
        Path config = outputs.resolve("bad.properties");
        Files.writeString(config, "bootstrap.servers=127.0.0.1:9\nschema.registry.url=ftp://registry\n");
        Result result = run(List.of(launcher.toString(), "run", "--config", config.toString()));
        assertEquals(2, result.exitCode, result.err);
        assertOneErrorLine(result, "schema.registry.url");
    }

    @Test
    void shouldRefuseALearnerConfigWithoutBrokersWithOneLineAndExitTwo() throws Exception {
        Path config = outputs.resolve("learner.properties");
        Files.writeString(config, "schema.registry.url=http://127.0.0.1:9/apis/ccompat/v7\n");
        Result result = run(List.of(launcher.toString(), "learn", "--config", config.toString()));
        assertEquals(2, result.exitCode, result.err);
        assertOneErrorLine(result, "bootstrap.servers");
    }

    @Test
    void shouldShipTheExampleConfigurations() {
        assertTrue(Files.isRegularFile(launcher.getParent().resolveSibling("config/actor-preload.properties")));
        assertTrue(Files.isRegularFile(launcher.getParent().resolveSibling("config/actor-preload-learner.properties")));
    }

    private static void assertOneErrorLine(Result result, String mentions) {
        List<String> lines = result.err.lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), result.err);
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(mentions), result.err);
        assertFalse(result.err.contains("\tat "), "no stack trace expected: " + result.err);
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(outputs, "out", ".txt");
        Path err = Files.createTempFile(outputs, "err", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(unpacked.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("did not finish within 60 s: " + command);
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
