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
 * <p>{@link #secured()} is a second, separate stack whose broker runs with SASL/SCRAM and ACLs
 * ({@link BrokerSecurity}, random super-user password), started only by the tests that ask for it.
 *
 * <p>Thread-safe. If a start fails, every later call for that stack fails at once with the same
 * error instead of trying again.
 */
public final class SharedLocalStack {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);

    private static LocalStack instance;
    private static RuntimeException startFailure;
    private static LocalStack securedInstance;
    private static LocalStack replicatedInstance;
    private static RuntimeException replicatedStartFailure;
    private static RuntimeException securedStartFailure;

    private SharedLocalStack() {}

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
            throw new LocalStackException(
                    "The shared local stack failed to start earlier: " + startFailure.getMessage(), startFailure);
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

    /**
     * The JVM's secured stack (its own broker, with SASL/SCRAM and the {@code StandardAuthorizer}, and its
     * own registry), started on the first call. Clients authenticate with
     * {@code broker().clientProperties(user, password)}; users are created with
     * {@code broker().createScramUser}. Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static synchronized LocalStack secured() {
        if (securedInstance != null) {
            return securedInstance;
        }
        if (securedStartFailure != null) {
            throw new LocalStackException(
                    "The shared secured local stack failed to start earlier: " + securedStartFailure.getMessage(),
                    securedStartFailure);
        }
        try {
            Path workDir = WorkDirs.create("local-stack-secured-");
            LOG.info("Starting the shared secured local stack in {}", workDir);
            LocalStack stack = LocalStack.startSecured(workDir, BrokerSecurity.scramWithRandomPassword());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-secured-shutdown"));
            securedInstance = stack;
            return stack;
        } catch (RuntimeException e) {
            securedStartFailure = e;
            throw e;
        }
    }

    /**
     * The JVM's stack on a replicated cluster of three brokers ({@link LocalStack#startReplicated}), with
     * its own registry, started on the first call: only the tests that need a cluster pay for one.
     * Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static synchronized LocalStack replicated() {
        if (replicatedInstance != null) {
            return replicatedInstance;
        }
        if (replicatedStartFailure != null) {
            throw new LocalStackException(
                    "The shared replicated local stack failed to start earlier: " + replicatedStartFailure.getMessage(),
                    replicatedStartFailure);
        }
        try {
            Path workDir = WorkDirs.create("local-stack-replicated-");
            LOG.info("Starting the shared replicated local stack in {}", workDir);
            LocalStack stack = LocalStack.startReplicated(workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-replicated-shutdown"));
            replicatedInstance = stack;
            return stack;
        } catch (RuntimeException e) {
            replicatedStartFailure = e;
            throw e;
        }
    }
}
