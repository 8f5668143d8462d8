package io.actorpreload.localstack;

import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link LocalStack} per JVM, started on first use in a fresh directory (see
 * {@link WorkDirs#create(String)}: under the module's {@code target} when run by Maven) and stopped
 * by a JVM shutdown hook. The directory, with the processes' logs, is kept for inspection. Every test
 * class of a module shares it: one broker and one registry per test run, so tests must use their own
 * topic and subject names.
 *
 * <p>{@link #secured()} is a second, separate stack whose broker runs with SASL/SCRAM and ACLs
 * ({@link BrokerSecurity}, random super-user password), and {@link #replicated()} a third on a
 * replicated cluster of three brokers; each is started only by the tests that ask for it.
 *
 * <p>Thread-safe. If a start fails, every later call for that stack fails at once with the same
 * error instead of trying again.
 */
public final class SharedLocalStack {
    private static final Logger LOG = LoggerFactory.getLogger(SharedLocalStack.class);

    private static final Shared OPEN = new Shared("local-stack", LocalStack::start);
    private static final Shared SECURED = new Shared(
            "local-stack-secured", dir -> LocalStack.startSecured(dir, BrokerSecurity.scramWithRandomPassword()));
    private static final Shared REPLICATED = new Shared("local-stack-replicated", LocalStack::startReplicated);

    private SharedLocalStack() {}

    /**
     * The JVM's stack, started on the first call (which blocks until both processes are ready).
     * Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static LocalStack get() {
        return OPEN.get();
    }

    /**
     * The JVM's secured stack (its own broker, with SASL/SCRAM and the {@code StandardAuthorizer}, and its
     * own registry), started on the first call. Clients authenticate with
     * {@code broker().clientProperties(user, password)}; users are created with
     * {@code broker().createScramUser}. Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static LocalStack secured() {
        return SECURED.get();
    }

    /**
     * The JVM's stack on a replicated cluster of three brokers ({@link LocalStack#startReplicated}), with
     * its own registry, started on the first call: only the tests that need a cluster pay for one.
     * Callers must not close it: the shutdown hook does.
     *
     * @throws LocalStackException if the stack could not be started (now or on an earlier call)
     */
    public static LocalStack replicated() {
        return REPLICATED.get();
    }

    /** One kind of shared stack: started once, closed by a shutdown hook, a failed start remembered. */
    private static final class Shared {
        private final String name;
        private final Function<Path, LocalStack> start;
        private LocalStack instance;
        private RuntimeException failure;

        Shared(String name, Function<Path, LocalStack> start) {
            this.name = name;
            this.start = start;
        }

        synchronized LocalStack get() {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw new LocalStackException(
                        "The shared " + name + " failed to start earlier: " + failure.getMessage(), failure);
            }
            try {
                Path workDir = WorkDirs.create(name + "-");
                LOG.info("Starting the shared {} in {}", name, workDir);
                LocalStack stack = start.apply(workDir);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close, name + "-shutdown"));
                instance = stack;
                return stack;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
