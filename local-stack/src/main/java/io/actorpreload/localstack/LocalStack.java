package io.actorpreload.localstack;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real KRaft broker and a real Apicurio schema registry, each a child process listening on
 * 127.0.0.1 only, started together and stopped together by their own process handles.
 *
 * <p>Tests should normally use {@link SharedLocalStack#get()}, which keeps one instance per JVM.
 *
 * <p>Lifecycle: {@link #start(Path)} returns once both answer; {@link #close()} stops both and is
 * idempotent. Thread-safe.
 */
public final class LocalStack implements AutoCloseable {
    private final KafkaBroker broker;
    private final SchemaRegistryServer registry;

    private LocalStack(KafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /**
     * Starts the broker (in {@code workDir/kafka}) and the registry (in {@code workDir/apicurio})
     * concurrently. If either fails, the other is stopped before the failure is thrown.
     *
     * @throws LocalStackException if either fails to start; the message carries the tail of its log
     */
    public static LocalStack start(Path workDir) {
        return start(workDir, KafkaBroker::start);
    }

    /**
     * Like {@link #start(Path)}, with the broker secured by {@code security}
     * ({@link KafkaBroker#startSecured}); the registry is the same as in an open stack.
     */
    public static LocalStack startSecured(Path workDir, BrokerSecurity security) {
        Objects.requireNonNull(security, "security");
        return start(workDir, dir -> KafkaBroker.startSecured(dir, security));
    }

    private static LocalStack start(Path workDir, Function<Path, KafkaBroker> brokerStart) {
        Objects.requireNonNull(workDir, "workDir");
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stack-registry-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<SchemaRegistryServer> registry = CompletableFuture.supplyAsync(
                    () -> SchemaRegistryServer.start(workDir.resolve("apicurio")), starter);
            KafkaBroker broker;
            try {
                broker = brokerStart.apply(workDir.resolve("kafka"));
            } catch (RuntimeException e) {
                // Wait for the registry's start to end either way, so nothing is left running.
                try {
                    registry.join().close();
                } catch (CompletionException registryFailure) {
                    e.addSuppressed(registryFailure.getCause());
                }
                throw e;
            }
            try {
                return new LocalStack(broker, registry.join());
            } catch (CompletionException e) {
                broker.close();
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
            }
        } finally {
            starter.shutdown();
        }
    }

    /** {@code 127.0.0.1:<port>} of the broker's client listener (PLAINTEXT, or SASL_PLAINTEXT when secured); never null. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Base URL of the registry's Confluent-compatible API, {@code http://127.0.0.1:<port>/apis/ccompat/v7}; never null. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The broker, for its process handle, log file and start-up time. */
    public KafkaBroker broker() {
        return broker;
    }

    /** The registry, for its process handle, log file and start-up time. */
    public SchemaRegistryServer registry() {
        return registry;
    }

    /** Stops both processes; idempotent. */
    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            registry.close();
        }
    }
}
