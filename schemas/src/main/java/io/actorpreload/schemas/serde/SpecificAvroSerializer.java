package io.actorpreload.schemas.serde;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.registry.SchemaRegistryClient;
import io.actorpreload.schemas.registry.SchemaRegistryClients;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records of one specific-record class in the Confluent wire format, with the class's
 * compiled schema registered (or, with {@code auto.register.schemas=false}, looked up) under the
 * subject its {@link SubjectNameStrategy} names (by default the topic's: {@code <topic>-value} or
 * {@code <topic>-key}). The schema id is cached per subject.
 *
 * <p>Null records serialize to null (tombstones). Thread-safe once configured. Failures throw
 * {@link SerializationException} whose cause, for registry refusals, is the
 * {@link SchemaRegistryException} with the registry's error code.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    private final Schema schema;
    private final DatumWriter<T> writer;
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean autoRegister = true;
    private boolean isKey;
    private SubjectNameStrategy subjects = SubjectNameStrategy.TOPIC;

    /** A serializer that gets its registry from {@link #configure}. */
    public SpecificAvroSerializer(Class<T> type) {
        SpecificData model = SpecificData.getForClass(Objects.requireNonNull(type, "type"));
        this.schema = model.getSchema(type);
        this.writer = writerFor(type, schema, model);
    }

    /** Avro's writer, or the hand-written one for start commands (the topology writes one per start). */
    @SuppressWarnings("unchecked")
    private static <T> DatumWriter<T> writerFor(Class<T> type, Schema schema, SpecificData model) {
        if (type == StartActorCommand.class && StartActorCommandWriter.fitsCompiledSchema()) {
            return (DatumWriter<T>) new StartActorCommandWriter();
        }
        return new SpecificDatumWriter<>(schema, model);
    }

    /** A serializer using {@code registry}; ready to use, {@link #configure} optional. */
    public SpecificAvroSerializer(Class<T> type, SchemaRegistryClient registry) {
        this(type);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        if (registry == null) {
            registry = SchemaRegistryClients.fromConfig(configs);
        }
        this.autoRegister = config.autoRegisterSchemas();
        this.isKey = isKey;
        this.subjects = config.subjectNameStrategy(isKey);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int schemaId = idsBySubject.computeIfAbsent(subjects.subject(topic, isKey, schema), this::schemaIdUnder);
        // Written into this thread's reused buffer and copied out once (no doubling copies on the way).
        SerializationBuffer out = SerializationBuffer.forThisThread();
        ByteBuffer header = ByteBuffer.allocate(WireFormat.HEADER_SIZE);
        WireFormat.writeHeader(header, schemaId);
        out.writeBytes(header.array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot serialize a " + schema.getFullName() + " for topic '" + topic + "': " + e.getMessage(), e);
        }
        return out.copyAndRelease();
    }

    private int schemaIdUnder(String subject) {
        SchemaRegistryClient client = requireRegistry();
        try {
            return autoRegister
                    ? client.register(subject, schema)
                    : client.lookup(subject, schema).id();
        } catch (SchemaRegistryException e) {
            throw new SerializationException(refusal(subject, e), e);
        }
    }

    private String refusal(String subject, SchemaRegistryException e) {
        switch (e.reason()) {
            case SUBJECT_NOT_FOUND:
            case SCHEMA_NOT_FOUND:
                return "The schema of " + schema.getFullName() + " is not registered under subject '" + subject
                        + "' and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG
                        + " is false: register it first (or enable auto-registration). " + e.getMessage();
            default:
                return "Cannot get a schema id for " + schema.getFullName() + " under subject '" + subject + "' ("
                        + (autoRegister ? "register" : "lookup") + "): " + e.getMessage();
        }
    }

    private SchemaRegistryClient requireRegistry() {
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroSerializer for " + schema.getFullName()
                    + " is not configured: call configure() with " + AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG
                    + " or pass a SchemaRegistryClient to the constructor.");
        }
        return registry;
    }
}
