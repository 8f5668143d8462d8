package io.actorpreload.chaos;

import io.actorpreload.demo.ActorKind;
import io.actorpreload.demo.LocalStore;
import io.actorpreload.demo.LocalTopics;
import io.actorpreload.demo.StartupKeys;
import io.actorpreload.localstack.FoundationDbCluster;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.runner.ManifestPublisher;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Everything a chaos run starts, and owns: the local stack, the topology instances and the runners
 * (each a child JVM), the harness's reader of the topics and its load generator. Each is registered
 * when started and {@link #close()} stops them all, newest first, each by its own handle — also
 * after a failure half way and from the Ctrl-C hook. Thread-safe.
 */
final class ChaosStack implements AutoCloseable {
    /** The topology's application id (and the Streams group). */
    static final String APPLICATION_ID = "chaos-preload";
    /** The actor ids of the handler that always throws start with this. */
    static final String FAILING_PREFIX = "chaos-throws-";

    private static final int SEEDED_ACTORS = 400;

    private final Path workDir;
    private final LocalStore.Kind storeKind;
    private final PrintStream out;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, ChildJvm> topologies = new LinkedHashMap<>();
    private final Map<String, ChildJvm> runners = new LinkedHashMap<>();
    private final HandledLog handled = new HandledLog();
    private LocalStack stack;
    /** How many brokers: 1, or a replicated cluster of 3. */
    private final int brokers;
    /** The shared FoundationDB cluster; null on RocksDB, where each topology has its own copy of the seed. */
    private LocalStore foundationDb;

    private Observations observations;
    private boolean closed;

    ChaosStack(Path workDir, LocalStore.Kind storeKind, int brokers, PrintStream out) {
        this.workDir = workDir;
        this.storeKind = storeKind;
        this.brokers = brokers;
        this.out = out;
    }

    /** Starts the broker and registry, creates the topics, seeds the store and publishes the manifests. */
    void startStack() throws Exception {
        if (brokers > 1) {
            stack = own(LocalStack.startReplicated(workDir.resolve("stack")));
        } else {
            stack = own(LocalStack.start(workDir.resolve("stack")));
        }
        LocalTopics.create(stack.bootstrapServers());
        if (storeKind == LocalStore.Kind.FDB) {
            out.println("starting a 3-process FoundationDB cluster with double replication on 127.0.0.1 ...");
            foundationDb = own(LocalStore.openReplicatedFoundationDb(workDir));
            seed(foundationDb.store());
        } else {
            try (RocksDbPreloadStore store = RocksDbPreloadStore.open(workDir.resolve("store-seed"))) {
                seed(store);
            }
        }
        try (ManifestPublisher publisher =
                ManifestPublisher.create(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
            for (ActorKind kind : ActorKind.withManifest()) {
                publisher.publish(
                        StartupKeys.manifest(kind.actorType(), ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES));
            }
        }
        observations = own(Observations.start(stack.bootstrapServers()));
    }

    /** Re-publishes the good manifest of {@code kind}, replacing whatever is under its key. */
    void republishManifest(ActorKind kind) {
        try (ManifestPublisher publisher =
                ManifestPublisher.create(stack.bootstrapServers(), stack.schemaRegistryUrl())) {
            publisher.publish(StartupKeys.manifest(kind.actorType(), ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES));
        }
    }

    private static void seed(PreloadStore store) {
        Random random = new Random(42);
        Instant now = Instant.now();
        ActorKvWriter writer = new ActorKvWriter(store, Duration.ofSeconds(30));
        for (int i = 0; i < SEEDED_ACTORS; i++) {
            writer.put(LoadGenerator.actorId(i), LoadGenerator.kindOf(i).records(random, now));
        }
    }

    /**
     * Starts topology instance {@code instanceId} in a folder of its own: on the shared FoundationDB
     * cluster, or on its own copy of the seeded RocksDB store.
     */
    ChildJvm startTopology(String instanceId) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve(instanceId));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put("application.id", APPLICATION_ID);
        settings.put("instance.id", instanceId);
        if (foundationDb != null) {
            settings.putAll(foundationDb.topologySettings());
        } else {
            Path store = dir.resolve("store");
            copyDirectory(workDir.resolve("store-seed"), store);
            settings.put("store.type", "rocksdb");
            settings.put("store.rocksdb.data.dir", store.toString());
        }
        settings.put("streams.state.dir", dir.resolve("streams").toString());
        settings.put("streams.commit.interval.ms", "100");
        settings.put("streams.num.stream.threads", "1");
        Path config = dir.resolve("topology.properties");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer writer = Files.newBufferedWriter(config)) {
            properties.store(writer, "written by bin/chaos");
        }
        ChildJvm child = own(ChildJvm.startCommand(
                "topology " + instanceId,
                dir,
                List.of(DistributionLauncher.find().toString(), "run", "--config", config.toString())));
        topologies.put(instanceId, child);
        return child;
    }

    /** Deletes the Kafka Streams state of a (stopped) topology instance, so that it starts as a fresh one. */
    void wipeTopologyState(String instanceId) throws IOException {
        Path streams = workDir.resolve(instanceId).resolve("streams");
        if (Files.exists(streams)) {
            try (Stream<Path> paths = Files.walk(streams)) {
                for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Starts the runner {@code runnerId} as a child JVM that writes what it handles to a file. */
    ChildJvm startRunner(String runnerId) throws IOException {
        Path dir = workDir.resolve(runnerId);
        Files.createDirectories(dir);
        Path file = dir.resolve("handled.txt");
        handled.add(file);
        ChildJvm child = own(ChildJvm.start(
                "runner " + runnerId,
                dir,
                "160m",
                ChaosRunnerMain.class.getName(),
                List.of(
                        stack.bootstrapServers(),
                        stack.schemaRegistryUrl(),
                        runnerId,
                        file.toString(),
                        FAILING_PREFIX)));
        runners.put(runnerId, child);
        return child;
    }

    LocalStack stack() {
        return stack;
    }

    /** The FoundationDB cluster of a {@code --store fdb} run. */
    Optional<FoundationDbCluster> foundationDb() {
        return foundationDb == null ? Optional.empty() : foundationDb.foundationDb();
    }

    Observations observations() {
        return observations;
    }

    HandledLog handled() {
        return handled;
    }

    ChildJvm topology(String instanceId) {
        return topologies.get(instanceId);
    }

    ChildJvm runner(String runnerId) {
        return runners.get(runnerId);
    }

    /** Every child JVM that should be running but is not, for an error message. */
    List<String> deadChildren(List<ChildJvm> expected) {
        List<String> dead = new ArrayList<>();
        for (ChildJvm child : expected) {
            if (!child.isAlive()) {
                dead.add(child + " exited. " + child.logTail());
            }
        }
        return dead;
    }

    /** Registers {@code resource} to be closed by {@link #close()}, before everything started earlier. */
    synchronized <T extends AutoCloseable> T own(T resource) {
        if (closed) {
            try {
                resource.close();
            } catch (Exception e) {
                out.println("could not stop " + resource + ": " + e);
            }
            throw new IllegalStateException("The chaos run is stopping; nothing more is started");
        }
        started.push(resource);
        return resource;
    }

    /** Stops everything started, newest first; a failure to stop one does not keep the others running. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long begin = System.nanoTime();
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                out.println("could not stop " + resource + ": " + e);
            }
        }
        out.printf("stopped everything the run started in %d s%n", (System.nanoTime() - begin) / 1_000_000_000);
    }

    private static void copyDirectory(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy the seeded store " + from + " to " + to, e);
        }
    }
}
