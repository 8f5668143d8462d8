package io.actorpreload.schemas.registry;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Creates the {@link SchemaRegistryClient} that a configuration's {@code schema.registry.url} names. */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {}

    /**
     * A new HTTP client for an {@code http(s)://} URL; for any other URL, the client of the
     * {@link SchemaRegistryClientProvider} on the class path that serves it.
     *
     * @throws org.apache.kafka.common.config.ConfigException when a setting is missing or invalid,
     *         or no provider serves the URL
     */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
        String url = config.getString(SchemaRegistryClientConfig.URL_CONFIG);
        Optional<SchemaRegistryClientProvider> provider = isHttp(url) ? Optional.empty() : providerFor(url);
        return provider.map(p -> p.clientFor(url, configs)).orElseGet(() -> HttpSchemaRegistryClient.create(config));
    }

    /** Whether a client can be made for {@code url}: http(s), or a scheme a provider serves. */
    public static boolean isSupported(String url) {
        return url != null && (isHttp(url) || providerFor(url).isPresent());
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    private static Optional<SchemaRegistryClientProvider> providerFor(String url) {
        return ServiceLoader.load(SchemaRegistryClientProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.serves(url))
                .findFirst();
    }
}
