package io.actorpreload.schemas.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory registries behind {@code mock://<scope>} URLs: one {@link InMemorySchemaRegistryClient}
 * per scope per JVM, so every serde configured with the same URL shares it, as with Confluent's
 * {@code mock://} URLs. For unit tests only; tests drop their scope when done.
 *
 * <p>Thread-safe.
 */
public final class MockSchemaRegistry {
    /** The URL scheme that selects an in-memory registry. */
    public static final String SCHEME = "mock://";

    private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

    private MockSchemaRegistry() {}

    /** The registry of {@code scope}, created empty on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
    }

    /** Forgets {@code scope}'s registry; the next use of the scope starts empty. */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    /** Whether {@code url} names an in-memory registry. */
    public static boolean isMockUrl(String url) {
        return url.startsWith(SCHEME);
    }

    /** The scope named by a {@code mock://<scope>} URL. */
    public static String scopeOf(String mockUrl) {
        if (!isMockUrl(mockUrl) || mockUrl.length() == SCHEME.length()) {
            throw new IllegalArgumentException("Expected mock://<scope>. Got: " + mockUrl);
        }
        return mockUrl.substring(SCHEME.length());
    }
}
