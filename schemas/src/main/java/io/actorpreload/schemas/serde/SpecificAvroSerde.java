package io.actorpreload.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for one of our Avro specific records in the Confluent wire format (magic byte 0, 4-byte
 * big-endian schema id, Avro binary), schemas kept in a Confluent-API schema registry.
 *
 * <p>Configuration: {@code schema.registry.url} (an {@code http(s)://} registry base URL, or
 * {@code mock://<scope>} for an in-memory registry shared by every serde of that scope in the
 * JVM, for unit tests only), {@code auto.register.schemas} (default true).
 * TODO issue 6.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;

    public SpecificAvroSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        throw new UnsupportedOperationException("TODO issue 6");
    }

    @Override
    public Serializer<T> serializer() {
        throw new UnsupportedOperationException("TODO issue 6");
    }

    @Override
    public Deserializer<T> deserializer() {
        throw new UnsupportedOperationException("TODO issue 6");
    }
}
