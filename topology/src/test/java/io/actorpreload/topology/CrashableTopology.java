package io.actorpreload.topology;

import io.actorpreload.localstack.ChildProcess;
import io.actorpreload.preload.store.PreloadStore;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The topology in a process of its own, for {@link PreloadAppCrashIT} to kill: {@link PreloadApp}
 * configured by the properties file {@code args[0]}, on the store it names (opened as the
 * application opens it), every snapshot read answered {@code args[1]} ms late. Runs until killed.
 */
public final class CrashableTopology {
    private CrashableTopology() {}

    /**
     * Starts it in a child JVM on this JVM's class path, in {@code dir}, logging to
     * {@code dir/<name>.log}: configured by {@code config}, snapshot reads {@code delayMillis} late.
     */
    static ChildProcess start(Path dir, Path config, String name, long delayMillis) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                absolute(System.getProperty("java.class.path")),
                CrashableTopology.class.getName(),
                config.toString(),
                Long.toString(delayMillis));
        return ChildProcess.start("topology " + name, command, dir, dir.resolve(name + ".log"));
    }

    /** The child runs in its own folder: relative class path entries are made absolute first. */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
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
