package io.actorpreload.benchmarks.runner;

import io.actorpreload.avro.KvMetadata;
import io.actorpreload.avro.PreloadEntry;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.schemas.registry.CompatibilityLevel;
import io.actorpreload.schemas.registry.RegisteredSchema;
import io.actorpreload.schemas.registry.SchemaRegistryClient;
import io.actorpreload.schemas.serde.SpecificAvroDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
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
 * What the runner does with a command's bytes before its handler runs: decode the
 * {@link StartActorCommand} (Confluent wire format) and build its {@link PreloadMap} with
 * {@link PreloadMap#sharing}. {@code decodeCommand} is the runner's path, through
 * {@link SpecificAvroDeserializer}; {@code decodeBaseline} is the same with Avro's own
 * {@code SpecificDatumReader} and {@code BinaryDecoder}, which copy every {@code bytes} field into
 * an array of its own. The preload: 4 KiB values (SQLite pages) making up {@code preloadKiB}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class CommandDecodeBench {
    private static final int SCHEMA_ID = 1;
    private static final int HEADER_SIZE = 5;
    private static final int VALUE_BYTES = 4096;

    @Param({"16", "256"})
    public int preloadKiB;

    private byte[] payload;
    private SpecificAvroDeserializer<StartActorCommand> deserializer;
    private SpecificDatumReader<StartActorCommand> avroReader;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<PreloadEntry> entries = new ArrayList<>();
        for (int i = 0; i < preloadKiB * 1024 / VALUE_BYTES; i++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            ByteBuffer key =
                    ByteBuffer.allocate(11).put("sqlite/".getBytes()).putInt(i).flip();
            entries.add(new PreloadEntry(
                    key, ByteBuffer.wrap(value), new KvMetadata(ByteBuffer.wrap(new byte[8]), Instant.EPOCH)));
        }
        PreloadedKv preload =
                new PreloadedKv(1L, entries, List.of(), List.of(), (long) preloadKiB * 1024, Instant.now());
        StartActorCommand command = new StartActorCommand(
                "actor-1",
                1L,
                "bench",
                "chat-room",
                "runner-1",
                Instant.now(),
                null,
                preload,
                PreloadStatus.PRELOADED,
                null);
        payload = encode(command);
        deserializer = new SpecificAvroDeserializer<>(StartActorCommand.class, new OneSchemaRegistry());
        avroReader = new SpecificDatumReader<>(StartActorCommand.class);
    }

    private static byte[] encode(StartActorCommand command) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(ByteBuffer.allocate(HEADER_SIZE)
                    .put((byte) 0)
                    .putInt(SCHEMA_ID)
                    .array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<>(StartActorCommand.class).write(command, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public PreloadMap decodeCommand() {
        return PreloadMap.sharing(deserializer.deserialize("runner-1", payload).getPreloadedKv());
    }

    @Benchmark
    public PreloadMap decodeBaseline() throws IOException {
        StartActorCommand command = avroReader.read(
                null, DecoderFactory.get().binaryDecoder(payload, HEADER_SIZE, payload.length - HEADER_SIZE, null));
        return PreloadMap.sharing(command.getPreloadedKv());
    }

    /** A registry that knows one schema, the command's, by id {@value #SCHEMA_ID}: decoding asks nothing else. */
    private static final class OneSchemaRegistry implements SchemaRegistryClient {
        @Override
        public Schema schemaById(int id) {
            return StartActorCommand.getClassSchema();
        }

        @Override
        public int register(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredSchema lookup(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RegisteredSchema latest(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Integer> versions(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompatibilityLevel compatibility(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            throw new UnsupportedOperationException();
        }
    }
}
