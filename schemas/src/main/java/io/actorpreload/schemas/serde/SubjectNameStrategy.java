package io.actorpreload.schemas.serde;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a serializer names the registry subject its schema is registered under, as Confluent's
 * serializers do ({@code key.subject.name.strategy} / {@code value.subject.name.strategy}):
 * <ul>
 *   <li>{@link #TOPIC}: {@code <topic>-value} (or {@code -key}): one subject per topic, Confluent's default;</li>
 *   <li>{@link #RECORD}: the record's full name: one subject for every topic carrying that record,
 *       so the registry governs them together (the topology's default for start commands, which
 *       go to one topic per runner);</li>
 *   <li>{@link #TOPIC_RECORD}: {@code <topic>-<record full name>}.</li>
 * </ul>
 * Configured by the short names above, by Confluent's class names
 * ({@code io.confluent.kafka.serializers.subject.RecordNameStrategy}) or their simple names.
 */
public enum SubjectNameStrategy {
    TOPIC("TopicNameStrategy"),
    RECORD("RecordNameStrategy"),
    TOPIC_RECORD("TopicRecordNameStrategy");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String confluentName;

    SubjectNameStrategy(String confluentName) {
        this.confluentName = confluentName;
    }

    /** Confluent's class name of this strategy. */
    public String confluentClassName() {
        return CONFLUENT_PACKAGE + confluentName;
    }

    /** The subject of {@code schema} written to {@code topic}. */
    public String subject(String topic, boolean isKey, Schema schema) {
        if (this != RECORD && (topic == null || topic.isEmpty())) {
            throw new IllegalArgumentException("A topic name is needed to name the schema's subject. Got: " + topic);
        }
        return switch (this) {
            case TOPIC -> topic + (isKey ? "-key" : "-value");
            case RECORD -> schema.getFullName();
            case TOPIC_RECORD -> topic + "-" + schema.getFullName();
        };
    }

    /** The strategy named {@code name} (short name, Confluent simple or class name), if any. */
    public static Optional<SubjectNameStrategy> named(String name) {
        String trimmed = name == null ? "" : name.trim();
        return Arrays.stream(values())
                .filter(s -> s.name().equalsIgnoreCase(trimmed.replace('-', '_'))
                        || s.confluentName.equals(trimmed)
                        || s.confluentClassName().equals(trimmed))
                .findFirst();
    }

    /** A config validator accepting exactly the names {@link #named} knows. */
    public static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (named((String) value).isEmpty()) {
                    throw new ConfigException(
                            name,
                            value,
                            "must be topic, record or topic_record (or Confluent's "
                                    + "TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy, by simple or class name)");
                }
            }

            @Override
            public String toString() {
                return "topic, record, topic_record (or Confluent's strategy class names)";
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
