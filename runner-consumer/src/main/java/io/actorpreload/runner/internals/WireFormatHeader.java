package io.actorpreload.runner.internals;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/** Reads the schema id of a Confluent wire-format value (magic byte 0, 4-byte id), without decoding it. Stateless. */
public final class WireFormatHeader {
    private static final int HEADER_SIZE = 5;

    private WireFormatHeader() {}

    /** The id in {@code value}'s header; empty when it is null, shorter than the header, or its magic byte is not 0. */
    public static OptionalInt schemaId(byte[] value) {
        if (value == null || value.length < HEADER_SIZE || value[0] != 0) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(ByteBuffer.wrap(value, 1, 4).getInt());
    }
}
