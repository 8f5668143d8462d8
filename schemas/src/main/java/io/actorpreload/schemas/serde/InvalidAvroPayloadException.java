package io.actorpreload.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes handed to {@link SpecificAvroDeserializer} are not a record it can read. Thrown instead of
 * ever returning a wrong record; {@link #problem()} says which rule the bytes broke. Being a
 * {@link SerializationException}, Kafka's and Kafka Streams' deserialization handlers treat it as a
 * bad record.
 */
public final class InvalidAvroPayloadException extends SerializationException {

    /** Which rule the payload broke. */
    public enum Problem {
        /** The first byte is not the wire format's magic byte 0. */
        WRONG_MAGIC_BYTE,
        /** The payload ends before the header or the record it announces. */
        TRUNCATED_PAYLOAD,
        /** Bytes remain after the record: the payload does not match its writer schema. */
        TRAILING_BYTES,
        /** The record's bytes cannot be decoded with its writer schema. */
        MALFORMED_PAYLOAD,
        /** A string field's bytes are not valid UTF-8 (refused, never repaired with replacement characters). */
        INVALID_UTF8,
        /** The registry has no schema with the payload's schema id. */
        UNKNOWN_SCHEMA_ID,
        /** The writer schema cannot be resolved to the reader's schema (incompatible, or another record). */
        UNRESOLVABLE_SCHEMA
    }

    private final Problem problem;
    private final String topic;

    InvalidAvroPayloadException(Problem problem, String topic, String detail) {
        this(problem, topic, detail, null);
    }

    InvalidAvroPayloadException(Problem problem, String topic, String detail, Throwable cause) {
        super("Cannot deserialize a record from topic '" + topic + "' (" + problem + "): " + detail, cause);
        this.problem = problem;
        this.topic = topic;
    }

    public Problem problem() {
        return problem;
    }

    /** The topic the bytes came from; may be null when the caller gave none. */
    public String topic() {
        return topic;
    }
}
