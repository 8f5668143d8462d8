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
 * injected): {@value #AUTO_REGISTER_SCHEMAS_CONFIG} and the subject name strategies. Immutable.
 */
public final class AvroSerdeConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL_CONFIG = SchemaRegistryClientConfig.URL_CONFIG;

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "True: the serializer registers its record's schema "
            + "under the topic's subject (refused by the registry when incompatible). False: the schema must "
            + "already be registered there, else serializing fails.";

    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    private static final String SUBJECT_NAME_STRATEGY_DOC = "How the serializer names the subject of its schema: "
            + "topic (<topic>-key/-value, Confluent's default), record (the record's full name: one subject for every "
            + "topic carrying it) or topic_record (<topic>-<record>); Confluent's class names are accepted too.";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(
                    KEY_SUBJECT_NAME_STRATEGY_CONFIG,
                    Type.STRING,
                    SubjectNameStrategy.TOPIC.toString(),
                    SubjectNameStrategy.validator(),
                    Importance.MEDIUM,
                    SUBJECT_NAME_STRATEGY_DOC)
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY_CONFIG,
                    Type.STRING,
                    SubjectNameStrategy.TOPIC.toString(),
                    SubjectNameStrategy.validator(),
                    Importance.MEDIUM,
                    SUBJECT_NAME_STRATEGY_DOC);

    public AvroSerdeConfig(Map<String, ?> originals) {
        super(CONFIG, originals, false);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
    }

    /** The subject name strategy for keys or values. */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        String name = getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG);
        return SubjectNameStrategy.named(name).orElseThrow();
    }

    /** Every key a serde reads, its registry client's included, for documentation. */
    public static ConfigDef configDef() {
        return SchemaRegistryClientConfig.define(new ConfigDef(CONFIG));
    }
}
