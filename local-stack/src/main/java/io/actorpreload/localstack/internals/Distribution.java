package io.actorpreload.localstack.internals;

import io.actorpreload.localstack.LocalStackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the build put the broker's jars and the unpacked registry. Read from the filtered
 * {@code local-stack.properties}; a system property of the same name overrides each path.
 * Stateless and thread-safe.
 */
public final class Distribution {
    public static final String KAFKA_LIBS_PROPERTY = "localstack.kafka.libs";
    public static final String APICURIO_DIR_PROPERTY = "localstack.apicurio.dir";
    private static final String RESOURCE = "/io/actorpreload/localstack/local-stack.properties";
    private static final String BUILD_HINT = "Build it with: mvn -B -pl local-stack -am install -DskipTests";

    private Distribution() {}

    /** The folder of jars that forms the broker's class path. */
    public static Path kafkaLibs() {
        Path dir = configuredPath(KAFKA_LIBS_PROPERTY);
        if (!hasKafkaJar(dir)) {
            throw new LocalStackException(
                    "No Kafka broker jars in " + dir + " (" + KAFKA_LIBS_PROPERTY + "). " + BUILD_HINT);
        }
        return dir;
    }

    /** The registry's runnable jar in the unpacked Apicurio distribution. */
    public static Path apicurioRunnerJar() {
        Path dir = configuredPath(APICURIO_DIR_PROPERTY);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                var jar = files.filter(f -> {
                            String name = f.getFileName().toString();
                            return name.equals("quarkus-run.jar") || name.endsWith("-runner.jar");
                        })
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new LocalStackException("No Apicurio runner jar (quarkus-run.jar or *-runner.jar) in " + dir + " ("
                + APICURIO_DIR_PROPERTY + "). " + BUILD_HINT);
    }

    private static boolean hasKafkaJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    private static Path configuredPath(String key) {
        String override = System.getProperty(key);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Properties properties = new Properties();
        try (InputStream in = Distribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new LocalStackException(
                        "Resource " + RESOURCE + " is missing from the class path. " + BUILD_HINT);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(key);
        if (value == null || value.contains("${")) {
            throw new LocalStackException("Property " + key + " is not set in " + RESOURCE
                    + " (resource filtering did not run). " + BUILD_HINT);
        }
        return Path.of(value);
    }

    /** The {@code java} launcher of the running JVM, used for every child JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
