package io.actorpreload.schemas;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * The two things every module does with the byte strings of the Avro records: copy them out of
 * their {@code ByteBuffer}s and render them for logs and error messages. Stateless and thread-safe.
 */
public final class ByteStrings {
    /** At most this many bytes are rendered, so a huge key cannot flood a log line. */
    private static final int RENDERED_BYTES = 64;

    private ByteStrings() {}

    /** The bytes of {@code buffer} from its position to its limit, leaving its position untouched. */
    public static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** {@code 0x}-prefixed hex of {@code bytes}, cut after 64 bytes with the full length noted; {@code 0x (empty)} for none. */
    public static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "0x (empty)";
        }
        if (bytes.length <= RENDERED_BYTES) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        return "0x" + HexFormat.of().formatHex(bytes, 0, RENDERED_BYTES) + "...(" + bytes.length + " bytes)";
    }

    /** {@link #hex(byte[])} of the buffer's remaining bytes. */
    public static String hex(ByteBuffer bytes) {
        return hex(toArray(bytes));
    }
}
