package io.actorpreload.schemas.registry;

import java.util.Map;

/**
 * Serves {@code mock://<scope>} URLs with {@link MockSchemaRegistry}'s in-memory registry of that
 * scope. Registered in this module's test jar only, so no production class path knows the scheme.
 */
public final class MockSchemaRegistryProvider implements SchemaRegistryClientProvider {
    @Override
    public boolean serves(String url) {
        return MockSchemaRegistry.isMockUrl(url);
    }

    @Override
    public SchemaRegistryClient clientFor(String url, Map<String, ?> configs) {
        return MockSchemaRegistry.forScope(MockSchemaRegistry.scopeOf(url));
    }
}
