package io.actorpreload.demo;

import io.actorpreload.localstack.FoundationDbCluster;
import io.actorpreload.localstack.FoundationDbInstallation;
import io.actorpreload.localstack.LocalStackException;
import io.actorpreload.preload.fdb.FdbPreloadStore;
import io.actorpreload.preload.layout.KeyLayout;
import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.topology.PreloadTopologyConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The store of a local run (the demo, {@code bin/chaos}, {@code bin/bench}): embedded RocksDB in the
 * run's folder, or a FoundationDB server (or a 3-process cluster with double replication) started on
 * 127.0.0.1 from the installation that {@code FDB_HOME} names, with its data in the run's folder.
 * Rows lie under {@link KeyLayout#defaultLayout()}, where the topology looks by default. Closing it
 * closes the store, then stops every server it started. Not thread-safe to close twice concurrently.
 */
public final class LocalStore implements AutoCloseable {
    /** Which store a local run uses. */
    public enum Kind {
        ROCKSDB,
        FDB;

        /** Why this kind cannot run here (FoundationDB not configured or not an installation); empty when it can. */
        public Optional<String> whyUnavailable() {
            if (this == ROCKSDB) {
                return Optional.empty();
            }
            try {
                return FoundationDbInstallation.find().isPresent()
                        ? Optional.empty()
                        : Optional.of("--store fdb needs " + FoundationDbInstallation.notConfiguredReason());
            } catch (LocalStackException e) {
                return Optional.of(e.getMessage());
            }
        }

        /**
         * The kind an option names ({@code rocksdb} or {@code fdb}, any case).
         *
         * @throws IllegalArgumentException naming the option's choices
         */
        public static Kind parse(String option, String value) {
            for (Kind kind : values()) {
                if (kind.label().equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(option + " must be rocksdb or fdb; got " + value);
        }

        /** The lower-case name used by options and {@code store.type}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PreloadStore store;
    private final FoundationDbCluster server;
    private final String description;

    private LocalStore(PreloadStore store, FoundationDbCluster server, String description) {
        this.store = store;
        this.server = server;
        this.description = description;
    }

    /** RocksDB in {@code workDir/store}, or one FoundationDB server in {@code workDir/fdb}. */
    public static LocalStore open(Kind kind, Path workDir) {
        return kind == Kind.ROCKSDB
                ? new LocalStore(
                        RocksDbPreloadStore.open(workDir.resolve("store")),
                        null,
                        "RocksDB in " + workDir.resolve("store"))
                : startFoundationDb(workDir, false);
    }

    /** Three FoundationDB processes with double replication in {@code workDir/fdb}, for fault runs. */
    public static LocalStore openReplicatedFoundationDb(Path workDir) {
        return startFoundationDb(workDir, true);
    }

    private static LocalStore startFoundationDb(Path workDir, boolean replicated) {
        FoundationDbInstallation installation = FoundationDbInstallation.find()
                .orElseThrow(() -> new LocalStackException(FoundationDbInstallation.notConfiguredReason()));
        FoundationDbCluster server = replicated
                ? FoundationDbCluster.startReplicated(installation, workDir.resolve("fdb"))
                : FoundationDbCluster.startSingle(installation, workDir.resolve("fdb"));
        try {
            FdbPreloadStore store = FdbPreloadStore.open(server.clusterFile().toString(), KeyLayout.defaultLayout());
            return new LocalStore(
                    store,
                    server,
                    "FoundationDB (" + server.size() + " process" + (replicated ? "es, double replication" : "")
                            + ", cluster file " + server.clusterFile() + ")");
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public PreloadStore store() {
        return store;
    }

    /** The FoundationDB servers, for fault runs; empty on RocksDB. */
    public Optional<FoundationDbCluster> foundationDb() {
        return Optional.ofNullable(server);
    }

    /**
     * The topology settings that read this store from a process of its own: on FoundationDB its
     * type and cluster file. Empty on RocksDB, which one process opens at a time.
     */
    public Map<String, String> topologySettings() {
        return server == null
                ? Map.of()
                : Map.of(
                        PreloadTopologyConfig.STORE_TYPE_CONFIG,
                        Kind.FDB.label(),
                        PreloadTopologyConfig.FDB_CLUSTER_FILE_CONFIG,
                        server.clusterFile().toString());
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
