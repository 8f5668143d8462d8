package io.actorpreload.topology;

import io.actorpreload.preload.store.PreloadStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The topology in a process of its own, for {@link PreloadAppCrashIT} to kill: {@link PreloadApp}
 * configured by the properties file {@code args[0]}, on the store it names (opened as the
 * application opens it), every snapshot read answered {@code args[1]} ms late. Runs until killed.
 */
public final class CrashableTopology {
    private CrashableTopology() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            properties.load(in);
        }
        PreloadTopologyConfig config = new PreloadTopologyConfig(properties);
        PreloadStore store = PreloadStores.open(config);
        SlowSnapshots slow = new SlowSnapshots(store, Duration.ofMillis(Long.parseLong(args[1])));
        PreloadApp app = PreloadApp.start(config, slow);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            slow.close();
            store.close();
        }));
        System.out.println("CrashableTopology started");
        app.awaitClosed();
    }
}
