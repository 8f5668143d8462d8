package io.actorpreload.schemas.registry;

import java.util.Map;

/** Creates the {@link SchemaRegistryClient} that a configuration's {@code schema.registry.url} names. */
public final class SchemaRegistryClients {
    private SchemaRegistryClients() {
    }

    /**
     * The in-memory registry of the scope for a {@code mock://<scope>} URL, else a new HTTP client.
     *
     * @throws org.apache.kafka.common.config.ConfigException when a setting is missing or invalid
     */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        SchemaRegistryClientConfig config = new SchemaRegistryClientConfig(configs);
        String url = config.getString(SchemaRegistryClientConfig.URL_CONFIG);
        if (MockSchemaRegistry.isMockUrl(url)) {
            return MockSchemaRegistry.forScope(MockSchemaRegistry.scopeOf(url));
        }
        return HttpSchemaRegistryClient.create(config);
    }
}
