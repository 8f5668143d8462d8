package io.actorpreload.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The Kafka brokers of a local stack: one broker, or a replicated KRaft cluster of three nodes on
 * 127.0.0.1, each a broker and a voter of the controller quorum (combined mode), where every topic has
 * three replicas and {@code min.insync.replicas=2}. Faults act on one node ({@link KafkaBroker#stop()},
 * {@link KafkaBroker#restart()}, its process handle); the questions a fault needs answered (who leads
 * a partition, which node is the active controller, are all replicas back in sync) are answered here.
 *
 * <p>{@link #close()} stops every node by its handle; idempotent. Thread-safe.
 */
public final class KafkaCluster implements AutoCloseable {
    /** The nodes of a replicated cluster. */
    public static final int REPLICATED_NODES = 3;

    private final List<KafkaBroker> nodes;

    private KafkaCluster(List<KafkaBroker> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** A cluster of the one broker started in {@code workDir} ({@link KafkaBroker#start(Path)}). */
    public static KafkaCluster single(KafkaBroker broker) {
        return new KafkaCluster(List.of(Objects.requireNonNull(broker, "broker")));
    }

    /**
     * Starts a replicated cluster of {@value #REPLICATED_NODES} nodes, each in {@code workDir/node-<id>},
     * and returns once every node is registered and unfenced.
     *
     * @throws LocalStackException if a node fails to start or the cluster is not ready in time; nothing
     *     is left running
     */
    public static KafkaCluster startReplicated(Path workDir) {
        return new KafkaCluster(KafkaBroker.startCluster(Objects.requireNonNull(workDir, "workDir"), REPLICATED_NODES));
    }

    /** Every node's client listener, comma-separated: the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The nodes, by node id from 1. */
    public List<KafkaBroker> nodes() {
        return nodes;
    }

    /** The node with {@code nodeId}. */
    public KafkaBroker node(int nodeId) {
        return nodes.stream()
                .filter(node -> node.nodeId() == nodeId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + nodeId + " in " + bootstrapServers()));
    }

    /** Whether the cluster replicates (more than one node). */
    public boolean isReplicated() {
        return nodes.size() > 1;
    }

    /** The node that leads partition {@code partition} of {@code topic} now. */
    public KafkaBroker leaderOf(String topic, int partition) {
        return withAdmin(admin -> {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            if (info.leader() == null) {
                throw new LocalStackException(topic + "-" + partition + " has no leader now");
            }
            return node(info.leader().id());
        });
    }

    /** The node that is the active controller of the KRaft quorum now. */
    public KafkaBroker activeController() {
        return withAdmin(admin -> node(admin.describeMetadataQuorum()
                .quorumInfo()
                .get(10, TimeUnit.SECONDS)
                .leaderId()));
    }

    /** The node that coordinates the transactions of {@code transactionalId} now. */
    public KafkaBroker transactionCoordinatorOf(String transactionalId) {
        return withAdmin(admin -> node(admin.describeTransactions(List.of(transactionalId))
                .description(transactionalId)
                .get(10, TimeUnit.SECONDS)
                .coordinatorId()));
    }

    /**
     * The node that coordinates the transactions in progress whose ids start with {@code prefix} (e.g. a
     * Kafka Streams application's, {@code <application.id>-}), waiting up to 10 s for one to be in progress.
     */
    public KafkaBroker transactionCoordinatorOfPrefix(String prefix) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Optional<String> ongoing =
                    withAdmin(admin -> admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                            .filter(listing -> listing.transactionalId().startsWith(prefix))
                            .filter(listing -> listing.state() == TransactionState.ONGOING)
                            .map(TransactionListing::transactionalId)
                            .findFirst());
            if (ongoing.isPresent()) {
                return transactionCoordinatorOf(ongoing.get());
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException("No transaction with an id starting " + prefix + " is in progress");
            }
            KafkaBroker.sleep(100);
        }
    }

    /**
     * Waits until every partition of every topic has all its replicas in sync again (after a node came
     * back), as a rolling restart does before it stops the next node.
     *
     * @throws LocalStackException when they are not in sync within {@code timeout}
     */
    public void awaitReplicasInSync(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, TopicDescription> topics = withAdmin(
                    admin -> admin.describeTopics(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                            .allTopicNames()
                            .get(10, TimeUnit.SECONDS));
            List<String> behind = topics.values().stream()
                    .flatMap(topic -> topic.partitions().stream()
                            .filter(p -> p.isr().size() < p.replicas().size())
                            .map(p -> topic.name() + "-" + p.partition()))
                    .toList();
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException("Replicas not in sync within " + timeout.toSeconds() + " s: " + behind);
            }
            KafkaBroker.sleep(200);
        }
    }

    /**
     * Stops every node by its handle, all at once (one by one, the last would wait for a quorum that is
     * gone); their data stays on disk. Idempotent.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::close, runnable -> {
                    Thread thread = new Thread(runnable, "local-stack-close-broker-" + node.nodeId());
                    thread.start();
                }))
                .toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> node : closing) {
            try {
                node.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return nodes.size() == 1
                ? "1 broker at " + bootstrapServers()
                : nodes.size() + " nodes at " + bootstrapServers();
    }

    private interface AdminCall<T> {
        T apply(Admin admin) throws ExecutionException, TimeoutException, InterruptedException;
    }

    /** One call through a short-lived admin client of the nodes that run. */
    private <T> T withAdmin(AdminCall<T> call) {
        String running = nodes.stream()
                .filter(KafkaBroker::isRunning)
                .map(KafkaBroker::bootstrapServers)
                .collect(Collectors.joining(","));
        if (running.isEmpty()) {
            throw new LocalStackException("No node of " + bootstrapServers() + " runs");
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                running,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "local-stack-cluster",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000);
        try (Admin admin = Admin.create(config)) {
            return call.apply(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("The cluster at " + running + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while asking the cluster at " + running, e);
        }
    }
}
