package io.actorpreload.topology;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the application's settings: a properties file, then environment overrides.
 *
 * <p>An environment variable {@code ACTOR_PRELOAD_<NAME>} sets the key {@code <name>} with
 * underscores read as dots, lower case: {@code ACTOR_PRELOAD_SCHEMA_REGISTRY_URL} sets
 * {@code schema.registry.url}, {@code ACTOR_PRELOAD_STREAMS_COMMIT_INTERVAL_MS} sets
 * {@code streams.commit.interval.ms}. (Keys with underscores or dashes cannot be set this way;
 * put them in the file.) Stateless.
 */
public final class ConfigSources {
    /** Prefix of the environment variables that override settings. */
    public static final String ENV_PREFIX = "ACTOR_PRELOAD_";

    private ConfigSources() {}

    /**
     * @param file the properties file
     * @param env  the environment, usually {@link System#getenv()}
     * @return the settings, environment winning over the file
     * @throws IOException when the file cannot be read
     */
    public static Map<String, String> load(Path file, Map<String, String> env) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(name -> settings.put(name, properties.getProperty(name).trim()));
        settings.putAll(environmentOverrides(env));
        return settings;
    }

    /** The settings the environment gives, see the class documentation. */
    public static Map<String, String> environmentOverrides(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                overrides.put(
                        name.substring(ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        return overrides;
    }
}
