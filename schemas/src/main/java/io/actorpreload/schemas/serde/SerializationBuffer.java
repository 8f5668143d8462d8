package io.actorpreload.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A per-thread output buffer that the serializer writes a record into and copies out once, at its
 * exact size. A fresh {@link ByteArrayOutputStream} of a few hundred bytes grows by doubling, so a
 * large start command is copied again at each doubling while it is written, and once more by
 * {@code toByteArray}. The buffer keeps its capacity between records of one thread, up to
 * {@link #KEPT_BYTES}; a larger one is dropped after use so a rare huge record does not pin its
 * memory. Not thread-safe: one per thread ({@link #forThisThread()}).
 */
final class SerializationBuffer extends ByteArrayOutputStream {
    /** The most capacity kept for the next record (the default runner topic limit is 2 MiB). */
    static final int KEPT_BYTES = 4 * 1024 * 1024;

    private static final ThreadLocal<SerializationBuffer> BUFFERS = ThreadLocal.withInitial(SerializationBuffer::new);

    private SerializationBuffer() {
        super(4096);
    }

    /** This thread's buffer, emptied. */
    static SerializationBuffer forThisThread() {
        SerializationBuffer buffer = BUFFERS.get();
        buffer.reset();
        return buffer;
    }

    /** The bytes written, copied once; drops this thread's buffer if it grew past {@link #KEPT_BYTES}. */
    byte[] copyAndRelease() {
        byte[] bytes = Arrays.copyOf(buf, count);
        if (buf.length > KEPT_BYTES) {
            BUFFERS.remove();
        }
        return bytes;
    }
}
