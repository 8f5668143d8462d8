package io.actorpreload.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fresh work directories for local stacks. The parent is, in order: the system property
 * {@value #WORK_DIR_PROPERTY}; {@code ${basedir}/target} when Maven (surefire, exec) sets
 * {@code basedir}, so logs land next to the test reports and {@code mvn clean} removes them;
 * otherwise {@code java.io.tmpdir}. Stateless and thread-safe.
 */
public final class WorkDirs {
    /** System property: the folder in which work directories are created. */
    public static final String WORK_DIR_PROPERTY = "localstack.work-dir";

    private WorkDirs() {}

    /**
     * Creates a new, empty directory named {@code prefix} plus a random suffix.
     *
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path create(String prefix) {
        Path parent = parent();
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not create a work directory in " + parent + " (set -D" + WORK_DIR_PROPERTY
                            + " to a writable folder)",
                    e);
        }
    }

    /**
     * Why {@code dir}, given with {@code option} for a new run, cannot hold it: a broker's storage left by
     * an earlier run belongs to another cluster id and the broker refuses to start on it. Empty when the
     * folder is missing or empty.
     */
    public static Optional<String> whyNotFresh(Path dir, String option) {
        Path absolute = dir.toAbsolutePath();
        if (Files.isRegularFile(absolute)) {
            return Optional.of(option + " " + absolute + " is a file; give a new or empty folder");
        }
        if (!Files.isDirectory(absolute)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(absolute)) {
            return entries.findAny().isEmpty()
                    ? Optional.empty()
                    : Optional.of(option + " " + absolute + " is not empty (an earlier run's data?); give a new or "
                            + "empty folder, or leave the option out for a new one");
        } catch (IOException e) {
            return Optional.of(
                    option + " " + absolute + " cannot be read (" + e.getMessage() + "); give a new or empty folder");
        }
    }

    private static Path parent() {
        String configured = System.getProperty(WORK_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String basedir = System.getProperty("basedir");
        if (basedir != null && Files.isDirectory(Path.of(basedir, "target"))) {
            return Path.of(basedir, "target");
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
