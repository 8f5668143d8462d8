package io.actorpreload.topology;

import io.actorpreload.preload.rocksdb.RocksDbPreloadStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The topology in a process of its own, for {@link PreloadAppCrashIT} to kill: {@link PreloadApp}
 * on the RocksDB store at {@code args[1]}, every snapshot read answered {@code args[2]} ms late,
 * configured by the properties file {@code args[0]}. Runs until killed.
 */
public final class CrashableTopology {
    private CrashableTopology() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            properties.load(in);
        }
        RocksDbPreloadStore store = RocksDbPreloadStore.open(Path.of(args[1]));
        SlowSnapshots slow = new SlowSnapshots(store, Duration.ofMillis(Long.parseLong(args[2])));
        PreloadApp app = PreloadApp.start(new PreloadTopologyConfig(properties), slow);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            slow.close();
            store.close();
        }));
        System.out.println("CrashableTopology started");
        app.awaitClosed();
    }
}
