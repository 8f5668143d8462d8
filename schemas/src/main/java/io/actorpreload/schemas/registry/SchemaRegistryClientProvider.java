package io.actorpreload.schemas.registry;

import java.util.Map;

/**
 * Supplies registry clients for URL schemes other than {@code http://} and {@code https://},
 * found with {@link java.util.ServiceLoader}. Production needs none: the test fixtures register
 * one for {@code mock://<scope>} (an in-memory registry per scope), which is how the in-memory
 * registry stays out of the production artifact. Implementations are stateless or thread-safe.
 */
public interface SchemaRegistryClientProvider {
    /** Whether this provider serves {@code url}. */
    boolean serves(String url);

    /** The client for {@code url}; {@code configs} holds every registry setting. */
    SchemaRegistryClient clientFor(String url, Map<String, ?> configs);
}
