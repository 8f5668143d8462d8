package io.actorpreload.localstack;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Real KRaft brokers (one, or a replicated cluster of three) and a real Apicurio schema registry, each
 * a child process listening on 127.0.0.1 only, started together and stopped together by their own
 * process handles.
 *
 * <p>Tests should normally use {@link SharedLocalStack#get()}, which keeps one instance per JVM.
 *
 * <p>Lifecycle: {@link #start(Path)} returns once both answer; {@link #close()} stops both and is
 * idempotent. Thread-safe.
 */
public final class LocalStack implements AutoCloseable {
    private final KafkaCluster brokers;
    private final SchemaRegistryServer registry;

    private LocalStack(KafkaCluster brokers, SchemaRegistryServer registry) {
        this.brokers = brokers;
        this.registry = registry;
    }

    /**
     * Starts the broker (in {@code workDir/kafka}) and the registry (in {@code workDir/apicurio})
     * concurrently. If either fails, the other is stopped before the failure is thrown.
     *
     * @throws LocalStackException if either fails to start; the message carries the tail of its log
     */
    public static LocalStack start(Path workDir) {
        return start(workDir, dir -> KafkaCluster.single(KafkaBroker.start(dir)));
    }

    /**
     * Like {@link #start(Path)}, with a replicated cluster of three brokers ({@link KafkaCluster#startReplicated})
     * instead of one: what production runs.
     */
    public static LocalStack startReplicated(Path workDir) {
        return start(workDir, KafkaCluster::startReplicated);
    }

    /**
     * Like {@link #start(Path)}, with the broker secured by {@code security}
     * ({@link KafkaBroker#startSecured}); the registry is the same as in an open stack.
     */
    public static LocalStack startSecured(Path workDir, BrokerSecurity security) {
        Objects.requireNonNull(security, "security");
        return start(workDir, dir -> KafkaCluster.single(KafkaBroker.startSecured(dir, security)));
    }

    private static LocalStack start(Path workDir, Function<Path, KafkaCluster> brokerStart) {
        Objects.requireNonNull(workDir, "workDir");
        ExecutorService starter = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stack-registry-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletableFuture<SchemaRegistryServer> registry = CompletableFuture.supplyAsync(
                    () -> SchemaRegistryServer.start(workDir.resolve("apicurio")), starter);
            KafkaCluster brokers;
            try {
                brokers = brokerStart.apply(workDir.resolve("kafka"));
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
                return new LocalStack(brokers, registry.join());
            } catch (CompletionException e) {
                brokers.close();
                throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
            }
        } finally {
            starter.shutdown();
        }
    }

    /**
     * The brokers' client listeners, {@code 127.0.0.1:<port>[,...]} (PLAINTEXT, or SASL_PLAINTEXT when
     * secured); never null.
     */
    public String bootstrapServers() {
        return brokers.bootstrapServers();
    }

    /** Base URL of the registry's Confluent-compatible API, {@code http://127.0.0.1:<port>/apis/ccompat/v7}; never null. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** The broker (node 1 of a replicated cluster), for its process handle, log file and start-up time. */
    public KafkaBroker broker() {
        return brokers.nodes().get(0);
    }

    /** Every broker: one, or the three nodes of a replicated cluster. */
    public KafkaCluster brokers() {
        return brokers;
    }

    /** The registry, for its process handle, log file and start-up time. */
    public SchemaRegistryServer registry() {
        return registry;
    }

    /** Stops both processes; idempotent. */
    @Override
    public void close() {
        try {
            brokers.close();
        } finally {
            registry.close();
        }
    }
}
