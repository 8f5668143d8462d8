package io.actorpreload.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.InvalidNumberEncodingException;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding read from one payload array, like Avro's {@code BinaryDecoder}, except
 * that a {@code bytes} value read for {@link #SLICE} is a read-only view of the payload's own bytes
 * instead of a copy. A start command's preload is almost all {@code bytes} values (4 KiB pages, up
 * to 1 MiB in all): a view spares the runner allocating and copying each into an array of its own.
 *
 * <p>The views keep the whole payload alive and show any later change to it: the caller hands the
 * payload over ({@link SpecificAvroDeserializer} documents it). Errors are Avro's: bytes that end
 * too soon throw {@link EOFException}, a negative length or a varint of too many bytes an
 * {@link AvroRuntimeException} or {@link InvalidNumberEncodingException}, and the lengths are held
 * to Avro's {@link SystemLimitException} limits as well as to the bytes left. Not thread-safe: one
 * per payload.
 */
final class PayloadDecoder extends Decoder {
    /**
     * The "old" buffer {@link StrictUtf8DatumReader} passes to {@link #readBytes} to get a view.
     * Avro's resolving decoder passes it through for a {@code bytes} field and passes null where it
     * turns a writer's {@code bytes} into a reader's {@code string}, which needs a whole array of its
     * own ({@code readBytes(null).array()}). Empty, so any other decoder reads a value into an array
     * of its own, as for no buffer, except an empty value, for which it gives this empty buffer back.
     */
    static final ByteBuffer SLICE = ByteBuffer.allocate(0);

    private final byte[] payload;
    private final int limit;
    private int position;
    private long collectionCount;

    /** Decodes {@code payload[offset, offset + length)}. */
    PayloadDecoder(byte[] payload, int offset, int length) {
        this.payload = payload;
        this.position = offset;
        this.limit = offset + length;
    }

    /** True when every byte has been read. */
    boolean isEnd() {
        return position == limit;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        require(1);
        return payload[position++] == 1; // as Avro's decoder: any other byte is false
    }

    @Override
    public int readInt() throws IOException {
        int zigzag = (int) readVarint(5, "int"); // as Avro's decoder: bits past the 32nd are dropped
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    @Override
    public long readLong() throws IOException {
        long zigzag = readVarint(10, "long");
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** A varint of at most {@code maxBytes} bytes, as Avro writes ints and longs (zigzag-encoded). */
    private long readVarint(int maxBytes, String type) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            require(1);
            long b = payload[position++] & 0xff;
            value |= (b & 0x7f) << (7 * i);
            if (b < 0x80) {
                return value;
            }
        }
        throw new InvalidNumberEncodingException("Invalid " + type + " encoding");
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) readLittleEndian(Float.BYTES));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(Double.BYTES));
    }

    private long readLittleEndian(int bytes) throws IOException {
        require(bytes);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (payload[position++] & 0xffL) << (8 * i);
        }
        return value;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = SystemLimitException.checkMaxStringLength(readLength());
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        take(length, result.getBytes());
        return result;
    }

    @Override
    public String readString() throws IOException {
        return readString(null).toString();
    }

    @Override
    public void skipString() throws IOException {
        skip(readLength());
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = SystemLimitException.checkMaxBytesLength(readLength());
        if (old == SLICE) {
            require(length);
            ByteBuffer view = ByteBuffer.wrap(payload, position, length).slice().asReadOnlyBuffer();
            position += length;
            return view;
        }
        byte[] copy = new byte[length];
        take(length, copy);
        return ByteBuffer.wrap(copy);
    }

    @Override
    public void skipBytes() throws IOException {
        skip(readLength());
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length);
        System.arraycopy(payload, position, bytes, start, length);
        position += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        skip(length);
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        collectionCount = SystemLimitException.checkMaxCollectionLength(0L, readItemCount());
        return collectionCount;
    }

    @Override
    public long arrayNext() throws IOException {
        long count = readItemCount();
        collectionCount = SystemLimitException.checkMaxCollectionLength(collectionCount, count);
        return count;
    }

    @Override
    public long skipArray() throws IOException {
        return skipBlocksOfKnownSize();
    }

    @Override
    public long readMapStart() throws IOException {
        return readArrayStart();
    }

    @Override
    public long mapNext() throws IOException {
        return arrayNext();
    }

    @Override
    public long skipMap() throws IOException {
        return skipBlocksOfKnownSize();
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A block's item count; a negative count is followed by the block's size in bytes, not needed here. */
    private long readItemCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        return count;
    }

    /** Skips the blocks that give their size in bytes; returns the item count of the first that does not. */
    private long skipBlocksOfKnownSize() throws IOException {
        long count = readLong();
        while (count < 0) {
            skip(readLength());
            count = readLong();
        }
        return count;
    }

    private long readLength() throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new AvroRuntimeException("Malformed data. Length is negative: " + length);
        }
        return length;
    }

    private void take(int length, byte[] into) throws IOException {
        require(length);
        System.arraycopy(payload, position, into, 0, length);
        position += length;
    }

    private void skip(long length) throws IOException {
        require(length);
        position += (int) length;
    }

    private void require(long bytes) throws EOFException {
        if (bytes > limit - position) {
            throw new EOFException("the payload ends " + (bytes - (limit - position)) + " bytes too soon");
        }
    }
}
