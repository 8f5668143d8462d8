package io.actorpreload.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the distribution's launcher, {@code bin/actor-preload} in the folder the build unpacks the
 * distribution into ({@code distribution/target/actor-preload-<version>-dist/actor-preload-<version>}),
 * so that the harness starts the topology exactly as users do. The system property
 * {@value #PROPERTY} names another launcher. Stateless.
 */
final class DistributionLauncher {
    /** System property: the launcher to start topology instances with. */
    static final String PROPERTY = "chaos.topology.launcher";

    private DistributionLauncher() {}

    /**
     * The launcher: {@value #PROPERTY}, or the one the build left under {@code distribution/target}
     * of this project (looked for from the working folder and its parent).
     *
     * @throws IllegalStateException when there is none, saying how to build it
     */
    static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path root : List.of(Path.of("."), Path.of(".."))) {
            Optional<Path> found = builtUnder(root.resolve("distribution").resolve("target"));
            if (found.isPresent()) {
                return found.get().toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("No distribution launcher found under distribution/target: build it first with "
                + "mvn -B -q package -DskipTests (or name one with -D" + PROPERTY + "=<path to bin/actor-preload>)");
    }

    private static Optional<Path> builtUnder(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> dists = Files.list(target)) {
            return dists.filter(dir -> dir.getFileName().toString().endsWith("-dist") && Files.isDirectory(dir))
                    .flatMap(DistributionLauncher::launchersIn)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look for the distribution in " + target, e);
        }
    }

    private static Stream<Path> launchersIn(Path dist) {
        try (Stream<Path> tops = Files.list(dist)) {
            return tops
                    .map(top -> top.resolve("bin").resolve("actor-preload"))
                    .filter(Files::isExecutable)
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not look for the launcher in " + dist, e);
        }
    }
}
