package io.actorpreload.schemas.serde;

import io.actorpreload.schemas.registry.SchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryClients;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro into one specific-record class: the writer's schema is fetched
 * from the registry by the payload's id (one reader per id, cached: ids are immutable) and resolved
 * to the class's compiled schema, so data written with older or newer compatible versions reads.
 *
 * <p>Null bytes deserialize to null. Bytes that are not such a record throw
 * {@link InvalidAvroPayloadException} naming the problem, never a wrong record; that includes a
 * string field whose bytes are not valid UTF-8, which Avro alone would decode with replacement
 * characters ({@code INVALID_UTF8}, naming the field). A registry that
 * cannot be reached throws {@link SchemaRegistryException} (not a bad record: retry later).
 *
 * <p>The record's {@code bytes} fields are read-only views of the payload array, not copies (a
 * start command's preload is almost all such bytes): the caller hands the payload over and must
 * not change it afterwards. Kafka's consumer gives each record a value array of its own.
 * Thread-safe once configured.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, StrictUtf8DatumReader<T>> readersBySchemaId = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;

    /** A deserializer that gets its registry from {@link #configure}. */
    public SpecificAvroDeserializer(Class<T> type) {
        this.model = SpecificData.getForClass(Objects.requireNonNull(type, "type"));
        this.readerSchema = model.getSchema(type);
    }

    /** A deserializer using {@code registry}; ready to use, {@link #configure} optional. */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        int schemaId = WireFormat.schemaId(topic, payload);
        StrictUtf8DatumReader<T> reader = readerFor(topic, schemaId);
        PayloadDecoder decoder =
                new PayloadDecoder(payload, WireFormat.HEADER_SIZE, payload.length - WireFormat.HEADER_SIZE);
        T record = read(topic, schemaId, reader, decoder);
        if (!decoder.isEnd()) {
            throw new InvalidAvroPayloadException(
                    Problem.TRAILING_BYTES,
                    topic,
                    "bytes remain after the "
                            + readerSchema.getFullName() + " written with schema id " + schemaId
                            + ": the payload does not match its schema");
        }
        return record;
    }

    private T read(String topic, int schemaId, StrictUtf8DatumReader<T> reader, PayloadDecoder decoder) {
        try {
            return reader.read(null, decoder);
        } catch (StrictUtf8DatumReader.InvalidUtf8Exception e) {
            throw new InvalidAvroPayloadException(
                    Problem.INVALID_UTF8, topic, e.getMessage() + " (writer schema id " + schemaId + ")", e);
        } catch (EOFException e) {
            throw new InvalidAvroPayloadException(
                    Problem.TRUNCATED_PAYLOAD,
                    topic,
                    "the payload ends before the " + "record written with schema id " + schemaId + " does",
                    e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidAvroPayloadException(
                    Problem.MALFORMED_PAYLOAD,
                    topic,
                    "the record's bytes do not " + "decode with writer schema id " + schemaId + ": " + e,
                    e);
        }
    }

    private StrictUtf8DatumReader<T> readerFor(String topic, int schemaId) {
        StrictUtf8DatumReader<T> cached = readersBySchemaId.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writerSchema = writerSchema(topic, schemaId);
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new InvalidAvroPayloadException(
                    Problem.UNRESOLVABLE_SCHEMA,
                    topic,
                    "writer schema id " + schemaId
                            + " (" + writerSchema.getFullName() + ") cannot be read as " + readerSchema.getFullName()
                            + ": "
                            + compatibility.getResult().getIncompatibilities());
        }
        StrictUtf8DatumReader<T> reader = new StrictUtf8DatumReader<>(writerSchema, readerSchema, model);
        readersBySchemaId.put(schemaId, reader);
        return reader;
    }

    private Schema writerSchema(String topic, int schemaId) {
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroDeserializer for " + readerSchema.getFullName()
                    + " is not configured: call configure() with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + " or pass a SchemaRegistryClient to the constructor.");
        }
        try {
            return registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.reason() == SchemaRegistryException.Reason.SCHEMA_NOT_FOUND) {
                throw new InvalidAvroPayloadException(
                        Problem.UNKNOWN_SCHEMA_ID,
                        topic,
                        "the registry has no schema with id " + schemaId + " (" + e.registryMessage() + ")",
                        e);
            }
            throw e;
        }
    }
}
