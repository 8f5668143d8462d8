package io.actorpreload.localstack;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link LocalStack} per JVM, started on first use in a fresh directory (see
 * {@link WorkDirs#create(String)}: under the module's {@code target} when run by Maven) and stopped
 * by a JVM shutdown hook. The directory, with both processes' logs, is kept for inspection. Every test class of a module shares it: one broker and one registry per test
 * run, so tests must use their own topic and subject names.
 *
 * <p>Thread-safe. If the start fails, every later {@link #get()} fails at once with the same error
 * instead of trying again.
 */
public final class SharedLocalStack {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);

    private static LocalStack instance;
    private static RuntimeException startFailure;

    private SharedLocalStack() {
    }

    /**
     * The JVM's stack, started on the first call (which blocks until both processes are ready).
     * Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static synchronized LocalStack get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new LocalStackException("The shared local stack failed to start earlier: " + startFailure.getMessage(), startFailure);
        }
        try {
            Path workDir = WorkDirs.create("local-stack-");
            LOG.info("Starting the shared local stack in {}", workDir);
            LocalStack stack = LocalStack.start(workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
            instance = stack;
            return stack;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }
}
