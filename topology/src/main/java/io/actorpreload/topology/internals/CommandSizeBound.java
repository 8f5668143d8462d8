package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * An upper bound, computed without serializing, of the bytes of a {@code StartActorCommand} without
 * preload in the Confluent wire format: the processor measures every request against its topic's
 * limit before it starts the preload, and serializing every command only to learn that it is a few
 * hundred bytes would spend the stream thread's time for nothing. Only a request
 * whose bound does not fit is serialized and measured exactly, so a bound that is too high costs
 * time, never a wrong refusal. It must never be too low: {@link #FIELDS} lists the command's
 * fields this bound counts, and a test fails when the schema has others.
 *
 * <p>Avro binary: a string or bytes is a zig-zag varint length (at most 10 bytes) and its bytes
 * (a UTF-8 string at most 3 bytes per Java char); a long at most 10 bytes; a union index or an
 * enum symbol a varint int (at most 5). Stateless.
 */
final class CommandSizeBound {
    /** The fields of {@code StartActorCommand} the bound counts, in schema order. */
    static final List<String> FIELDS = List.of(
            "actorId",
            "generation",
            "namespace",
            "actorName",
            "runnerId",
            "requestedAt",
            "input",
            "preloadedKv",
            "preloadStatus",
            "preloadFailure");

    private static final int WIRE_HEADER = 5;
    private static final int MAX_LONG = 10;
    private static final int MAX_INT = 5;

    private CommandSizeBound() {}

    /**
     * At least the serialized size of {@code request}'s command with no preload and a failure
     * reason of at most {@code failureBytes} bytes in UTF-8.
     */
    static long withoutPreload(ActorStartRequested request, int failureBytes) {
        ByteBuffer input = request.getInput();
        return WIRE_HEADER
                + string(request.getActorId())
                + MAX_LONG
                + string(request.getNamespace())
                + string(request.getActorName())
                + string(request.getRunnerId())
                + MAX_LONG
                + MAX_INT
                + (input == null ? 0 : MAX_LONG + (long) input.remaining())
                + MAX_INT // preloadedKv: the null branch
                + MAX_INT // preloadStatus
                + MAX_INT
                + MAX_LONG
                + failureBytes;
    }

    private static long string(CharSequence value) {
        return MAX_LONG + 3L * value.length();
    }
}
