package io.actorpreload.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The archive the build made ({@code -Ddistribution.archive}), unpacked as a user would. */
final class DistributionArchive {
    private DistributionArchive() {}

    /** Unpacks the archive into the empty folder {@code into}; returns its launcher, {@code bin/actor-preload}. */
    static Path unpack(Path into) throws Exception {
        Path archive = Path.of(System.getProperty("distribution.archive"));
        assertTrue(Files.isRegularFile(archive), "no archive at " + archive + ": run mvn package first");
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .inheritIO()
                .start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar did not finish within 60 s");
        assertEquals(0, tar.exitValue(), "tar failed on " + archive);
        try (var folders = Files.list(into)) {
            // the archive holds exactly one top folder; nothing else is written beside it
            List<Path> tops = folders.filter(Files::isDirectory).toList();
            assertEquals(1, tops.size(), "expected one top folder in the archive, found " + tops);
            Path launcher = tops.get(0).resolve("bin/actor-preload");
            assertTrue(Files.isExecutable(launcher), "no executable launcher at " + launcher);
            return launcher;
        }
    }
}
