package io.actorpreload.benchmarks.compression;

import io.actorpreload.benchmarks.fixtures.SqlitePages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each of Kafka's producer compressions costs and saves on a start command's preload: 256 KiB
 * of values, either real SQLite pages ({@link SqlitePages}) or random bytes, compressed as the
 * producer compresses a batch and decompressed as a consumer does (the broker decompresses once
 * more to validate the batch). Each codec's time stands beside no compression's (the baseline,
 * which still copies the bytes through the same streams); the trial setup prints each codec's
 * compressed size, which does not depend on timing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CompressionBench {
    /** The record batch format the producer writes (Kafka's magic v2). */
    private static final byte MAGIC_V2 = 2;

    private static final int VALUE_BYTES = 256 * 1024;

    /** The preload's values: real SQLite pages or random bytes. */
    public enum Content {
        SQLITE_PAGES,
        RANDOM
    }

    @Param({"SQLITE_PAGES", "RANDOM"})
    public Content content;

    private ByteBuffer values;
    private final ByteBufferOutputStream out = new ByteBufferOutputStream(VALUE_BYTES + 1024);
    private final byte[] readBuffer = new byte[64 * 1024];
    private final BufferSupplier buffers = BufferSupplier.create();

    @Setup
    public void setUp() throws IOException {
        byte[] bytes = new byte[VALUE_BYTES];
        if (content == Content.SQLITE_PAGES) {
            List<byte[]> pages = SqlitePages.chatRoom(VALUE_BYTES / SqlitePages.PAGE_BYTES, 7);
            for (int i = 0; i < pages.size(); i++) {
                System.arraycopy(pages.get(i), 0, bytes, i * SqlitePages.PAGE_BYTES, SqlitePages.PAGE_BYTES);
            }
        } else {
            new Random(7).nextBytes(bytes);
        }
        values = ByteBuffer.wrap(bytes);
        for (String codec : List.of("none", "lz4", "snappy", "zstd", "gzip")) {
            int compressed = compress(Compression.of(codec).build()).remaining();
            System.out.printf(
                    "compression %s of %s: %,d bytes to %,d (%.2f of the size)%n",
                    codec, content, VALUE_BYTES, compressed, compressed / (double) VALUE_BYTES);
        }
    }

    @Benchmark
    public long noneBaseline() throws IOException {
        return roundTrip(Compression.NONE);
    }

    @Benchmark
    public long lz4() throws IOException {
        return roundTrip(Compression.lz4().build());
    }

    @Benchmark
    public long snappy() throws IOException {
        return roundTrip(Compression.snappy().build());
    }

    @Benchmark
    public long zstd() throws IOException {
        return roundTrip(Compression.zstd().build());
    }

    @Benchmark
    public long gzip() throws IOException {
        return roundTrip(Compression.gzip().build());
    }

    /** Compresses the values, decompresses them again; returns the bytes read back. */
    private long roundTrip(Compression compression) throws IOException {
        ByteBuffer compressed = compress(compression);
        long read = 0;
        try (InputStream in = compression.wrapForInput(compressed, MAGIC_V2, buffers)) {
            for (int n; (n = in.read(readBuffer)) > 0; ) {
                read += n;
            }
        }
        return read;
    }

    private ByteBuffer compress(Compression compression) throws IOException {
        out.position(0);
        try (OutputStream stream = compression.wrapForOutput(out, MAGIC_V2)) {
            stream.write(values.array(), 0, values.remaining());
        }
        ByteBuffer written = out.buffer().duplicate();
        written.flip();
        return written;
    }
}
