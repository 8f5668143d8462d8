package io.actorpreload.schemas.serde;

import io.actorpreload.schemas.registry.SchemaRegistryClientConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The settings of {@link SpecificAvroSerializer} and {@link SpecificAvroDeserializer} beyond the
 * registry client's ({@link SchemaRegistryClientConfig}, read from the same map unless a client was
 * injected): {@value #AUTO_REGISTER_SCHEMAS_CONFIG}. Immutable.
 */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistryClientConfig.URL_CONFIG;

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "True: the serializer registers its record's schema "
            + "under the topic's subject (refused by the registry when incompatible). False: the schema must "
            + "already be registered there, else serializing fails.";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC);

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(CONFIG, originals, false);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    /** Every key a serde reads, its registry client's included, for documentation. */
    public static ConfigDef configDef() {
        return SchemaRegistryClientConfig.define(new ConfigDef(CONFIG));
    }
}
