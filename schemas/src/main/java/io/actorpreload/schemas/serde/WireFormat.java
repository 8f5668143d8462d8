package io.actorpreload.schemas.serde;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the schema's registry id as a 4-byte big-endian int, then
 * the Avro binary encoding of the record.
 */
final class WireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {}

    static void writeHeader(ByteBuffer target, int schemaId) {
        target.put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * The schema id in {@code payload}'s header.
     *
     * @throws InvalidAvroPayloadException when the payload is shorter than the header or its magic byte is not 0
     */
    static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new InvalidAvroPayloadException(
                    InvalidAvroPayloadException.Problem.TRUNCATED_PAYLOAD,
                    topic,
                    "it has " + payload.length + " bytes, fewer than the " + HEADER_SIZE
                            + "-byte header (magic byte + schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new InvalidAvroPayloadException(
                    InvalidAvroPayloadException.Problem.WRONG_MAGIC_BYTE,
                    topic,
                    "its first byte is " + payload[0] + ", not the magic byte " + MAGIC_BYTE
                            + ": it was not written by a Confluent-format Avro serializer");
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
