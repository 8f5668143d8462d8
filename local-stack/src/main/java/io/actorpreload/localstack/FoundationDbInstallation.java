package io.actorpreload.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An installed FoundationDB (server, command-line client and native client library) that the local
 * stack runs as it is, found through one setting: the system property {@value #HOME_PROPERTY} or,
 * when that is unset, the environment variable {@value #HOME_ENV}. The folder holds
 * {@code bin/fdbserver} (or {@code sbin/fdbserver}, as the official packages install it under
 * {@code /usr}), {@code bin/fdbcli} and {@code lib/libfdb_c.so} (or {@code lib64/}). Immutable.
 *
 * @param home the folder the setting names, absolute
 * @param fdbserver the server executable
 * @param fdbcli the command-line client
 * @param libraryDir the folder holding {@code libfdb_c.so} and whatever it links that the system lacks
 */
public record FoundationDbInstallation(Path home, Path fdbserver, Path fdbcli, Path libraryDir) {
    /** System property: the FoundationDB folder. */
    public static final String HOME_PROPERTY = "fdb.home";
    /** Environment variable read when {@value #HOME_PROPERTY} is unset. */
    public static final String HOME_ENV = "FDB_HOME";

    /**
     * The configured installation; empty when neither {@value #HOME_PROPERTY} nor {@value #HOME_ENV}
     * is set.
     *
     * @throws LocalStackException when the setting names a folder that is not a FoundationDB installation
     */
    public static Optional<FoundationDbInstallation> find() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(HOME_ENV);
        }
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(at(Path.of(configured.trim())));
    }

    /** Why {@link #find()} finds nothing, for a skipped test's message. */
    public static String notConfiguredReason() {
        return "no FoundationDB installation configured: set -D" + HOME_PROPERTY + "=<folder> (or " + HOME_ENV
                + ") to a folder with bin/fdbserver, bin/fdbcli and lib/libfdb_c.so, e.g. the one "
                + "../shared/fdb/install prints, or /usr for the official packages";
    }

    /**
     * The installation in {@code home}.
     *
     * @throws LocalStackException naming what is missing when {@code home} lacks the server, the
     *     command-line client or the native client library
     */
    public static FoundationDbInstallation at(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        Path fdbserver = firstExisting(absolute, List.of("bin/fdbserver", "sbin/fdbserver"), "the server");
        Path fdbcli = firstExisting(absolute, List.of("bin/fdbcli"), "the command-line client");
        Path library = firstExisting(absolute, List.of("lib/libfdb_c.so", "lib64/libfdb_c.so"), "the native client");
        return new FoundationDbInstallation(absolute, fdbserver, fdbcli, library.getParent());
    }

    /**
     * What a process running FoundationDB's binaries or the native client needs in its
     * environment: the library folder on {@code LD_LIBRARY_PATH}, before whatever was there.
     */
    public Map<String, String> environment() {
        String inherited = System.getenv("LD_LIBRARY_PATH");
        return Map.of(
                "LD_LIBRARY_PATH",
                inherited == null || inherited.isBlank() ? libraryDir.toString() : libraryDir + ":" + inherited);
    }

    private static Path firstExisting(Path home, List<String> candidates, String what) {
        for (String candidate : candidates) {
            Path path = home.resolve(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new LocalStackException("The FoundationDB folder " + home + " (from -D" + HOME_PROPERTY + " or "
                + HOME_ENV + ") has no " + what + ": looked for " + String.join(", ", candidates)
                + ". Point the setting at a FoundationDB installation.");
    }
}
