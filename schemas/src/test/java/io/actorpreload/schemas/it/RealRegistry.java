package io.actorpreload.schemas.it;

import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.schemas.registry.HttpSchemaRegistryClient;
import java.util.Map;
import java.util.UUID;

/**
 * The JVM's real registry (Apicurio, from {@link SharedLocalStack}) for integration tests. The
 * registry is shared by every test of the run: each test names its own topics and subjects.
 */
final class RealRegistry {
    private RealRegistry() {}

    static String url() {
        return SharedLocalStack.get().schemaRegistryUrl();
    }

    /** Serde and client settings for the real registry. */
    static Map<String, Object> config() {
        return Map.of("schema.registry.url", url());
    }

    static HttpSchemaRegistryClient client() {
        return HttpSchemaRegistryClient.create(config());
    }

    /** A topic name no other test uses. */
    static String uniqueTopic(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }
}
