package io.actorpreload.schemas.serde;

import io.actorpreload.schemas.registry.SchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one of our Avro specific records in the Confluent wire format (magic byte 0, 4-byte
 * big-endian schema id, Avro binary), schemas kept in a Confluent-API schema registry: a
 * {@link SpecificAvroSerializer} and a {@link SpecificAvroDeserializer} sharing one registry client.
 *
 * <p>Configuration: {@code schema.registry.url} (an {@code http(s)://} registry base URL; the
 * schemas test jar adds {@code mock://<scope>}, an in-memory registry shared by every serde of that
 * scope in the JVM), {@code auto.register.schemas} (default true), and the client settings
 * of {@link io.actorpreload.schemas.registry.SchemaRegistryClientConfig}.
 *
 * <p>Lifecycle: built with a class, then {@link #configure} (as Kafka does for configured serdes),
 * or built with an injected {@link SchemaRegistryClient} and usable at once. {@link #serializer()}
 * and {@link #deserializer()} return the same instances every time. Thread-safe once configured.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;
    private SpecificAvroSerializer<T> serializer;
    private SpecificAvroDeserializer<T> deserializer;

    /** A serde that gets its registry from {@link #configure}. */
    public SpecificAvroSerde(Class<T> type) {
        this.type = type;
    }

    /** A serde using {@code registry}, usable at once; {@link #configure} optional (key/value, auto-registration). */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        useRegistry(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (serializer == null) {
            useRegistry(SchemaRegistryClients.fromConfig(configs));
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return requireConfigured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return requireConfigured(deserializer);
    }

    private void useRegistry(SchemaRegistryClient registry) {
        this.serializer = new SpecificAvroSerializer<>(type, registry);
        this.deserializer = new SpecificAvroDeserializer<>(type, registry);
    }

    private <S> S requireConfigured(S part) {
        if (part == null) {
            throw new IllegalStateException("SpecificAvroSerde<" + type.getSimpleName() + "> is not configured: call "
                    + "configure() with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + " or build it with a SchemaRegistryClient.");
        }
        return part;
    }
}
