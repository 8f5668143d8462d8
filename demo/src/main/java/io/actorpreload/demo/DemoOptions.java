package io.actorpreload.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The demo's command-line options.
 *
 * @param actors      how many actors to seed and start ({@code --actors}, default 1,000)
 * @param runners     how many runners start them ({@code --runners}, default 3)
 * @param keepRunning leave the stack up after the run, until Ctrl-C ({@code --keep-running})
 * @param workDir     where the broker, registry and store keep their files ({@code --work-dir},
 *                    default a fresh folder under {@code target/demo})
 * @param timeout     how long to wait for the commands without progress ({@code --timeout-seconds}, default 60)
 */
record DemoOptions(int actors, int runners, boolean keepRunning, Path workDir, Duration timeout) {
    static final String USAGE = """
            usage: demo [--actors N] [--runners N] [--keep-running] [--work-dir DIR] [--timeout-seconds S]
              --actors N           actors to seed and start (default 1000)
              --runners N          runners that start them (default 3)
              --keep-running       leave the broker, registry, topology and runners up until Ctrl-C
              --work-dir DIR       data folder of this run (default: a new folder under target/demo)
              --timeout-seconds S  fail when no command arrives for this long (default 60)""";

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
    static DemoOptions parse(String[] args) {
        int actors = 1000;
        int runners = 3;
        boolean keepRunning = false;
        Path workDir = Path.of("target", "demo", "run-" + System.currentTimeMillis());
        long timeoutSeconds = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--actors" -> actors = positive("--actors", value(args, ++i, "--actors"));
                case "--runners" -> runners = positive("--runners", value(args, ++i, "--runners"));
                case "--keep-running" -> keepRunning = true;
                case "--work-dir" -> workDir = Path.of(value(args, ++i, "--work-dir"));
                case "--timeout-seconds" -> timeoutSeconds = positive("--timeout-seconds", value(args, ++i, "--timeout-seconds"));
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        // Absolute: the broker and the registry run with working directories of their own.
        return new DemoOptions(actors, runners, keepRunning, workDir.toAbsolutePath(), Duration.ofSeconds(timeoutSeconds));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(option + " must be a positive whole number. Got: " + text);
    }
}
