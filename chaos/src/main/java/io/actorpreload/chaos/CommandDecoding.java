package io.actorpreload.chaos;

import java.io.IOException;
import java.util.Optional;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads the (actorId, generation) of a start command straight from its bytes: the registry's
 * 5-byte frame (magic byte, schema id), then the record's first two fields, a string and a long.
 * Needs no registry, so the harness keeps counting while the registry is down. Stateless.
 */
final class CommandDecoding {
    private static final int FRAME_BYTES = 5;

    private CommandDecoding() {}

    /** The key of the command in {@code value}; empty when it is not a framed command. */
    static Optional<RequestKey> keyOf(byte[] value) {
        if (value == null || value.length <= FRAME_BYTES || value[0] != 0) {
            return Optional.empty();
        }
        try {
            BinaryDecoder decoder =
                    DecoderFactory.get().binaryDecoder(value, FRAME_BYTES, value.length - FRAME_BYTES, null);
            String actorId = decoder.readString();
            long generation = decoder.readLong();
            return Optional.of(new RequestKey(actorId, generation));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
