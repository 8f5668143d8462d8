package io.actorpreload.topology.internals;

import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead letters: the source record's original key and value bytes, its original headers,
 * plus headers naming the error and the source ({@link DeadLetterHeaders}), and the original
 * value's size ({@link DeadLetterHeaders#VALUE_SIZE}). The stack trace header is added only for
 * unexpected errors: for bad input the message says all there is to say.
 *
 * <p>A dead letter is always written, whatever its size: one larger than the {@link DeadLetterLimit}
 * (the producer's {@code max.request.size}, the dead-letter topic's {@code max.message.bytes})
 * keeps its headers and the head of its value, as much as fits, or none of it; then, only if still
 * too large, loses the source record's own headers, the stack trace and the key, in that order.
 * {@link DeadLetterHeaders#LEFT_OUT} then says what was left out. A dead letter the producer or
 * broker would refuse would fail the transaction and stall the partition on that record for good.
 *
 * <p>Thread-safe.
 */
public final class DeadLetterRecords {
    /** Streams property (set by the application) naming the start-request topic, whose records may be dead-lettered. */
    public static final String START_REQUESTS_TOPIC_CONFIG = "actor.preload.start.requests.topic";

    /** Record and batch framing around key, value and headers, generously (Kafka's is under 100 bytes). */
    static final int RECORD_OVERHEAD_BYTES = 512;
    /** Framing of one header besides its key and value. */
    private static final int HEADER_OVERHEAD_BYTES = 8;
    /** Room kept for the {@link DeadLetterHeaders#LEFT_OUT} header itself. */
    private static final int NOTE_BYTES = 512;

    private final String deadLetterTopic;
    private final String startRequestsTopic;
    private final DeadLetterLimit limit;

    private DeadLetterRecords(String deadLetterTopic, String startRequestsTopic, DeadLetterLimit limit) {
        this.deadLetterTopic = deadLetterTopic;
        this.startRequestsTopic = startRequestsTopic;
        this.limit = limit;
    }

    /**
     * Reads the dead-letter topic, the start-request topic and the dead-letter limit from a
     * handler's configuration.
     *
     * @throws IllegalStateException naming the missing setting
     */
    static DeadLetterRecords fromConfigs(Map<String, ?> configs) {
        Object deadLetterTopic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        Object startRequestsTopic = configs.get(START_REQUESTS_TOPIC_CONFIG);
        if (deadLetterTopic == null || startRequestsTopic == null) {
            throw new IllegalStateException("The dead-letter handlers need "
                    + StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " and " + START_REQUESTS_TOPIC_CONFIG
                    + "; build the Streams properties with PreloadTopologyConfig.streamsProperties()");
        }
        return new DeadLetterRecords(
                deadLetterTopic.toString(), startRequestsTopic.toString(), DeadLetterLimit.fromConfigs(configs));
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Whether a failed record of {@code sourceTopic} belongs in the dead letters (manifests do not). */
    boolean isDeadLettered(String sourceTopic) {
        return startRequestsTopic.equals(sourceTopic);
    }

    /** The dead letter of a source record, cut to the limit if it is larger. */
    ProducerRecord<byte[], byte[]> build(byte[] key, byte[] value, ErrorHandlerContext context, Exception error) {
        Headers headers = new RecordHeaders();
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.EXCEPTION, utf8(error.getClass().getName()))
                .add(DeadLetterHeaders.MESSAGE, utf8(String.valueOf(error.getMessage())))
                .add(DeadLetterHeaders.TOPIC, utf8(context.topic()))
                .add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(context.partition())))
                .add(DeadLetterHeaders.OFFSET, utf8(Long.toString(context.offset())));
        if (value != null) {
            headers.add(DeadLetterHeaders.VALUE_SIZE, utf8(Integer.toString(value.length)));
        }
        if (!(error instanceof UnroutableRequestException)) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            headers.add(DeadLetterHeaders.STACKTRACE, utf8(trace.toString()));
        }
        return fit(new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value, headers));
    }

    /**
     * Records that {@code deadLetter} was refused as too large (see {@link DeadLetterLimit#refused})
     * and returns it cut to the limit now.
     */
    ProducerRecord<byte[], byte[]> refused(ProducerRecord<byte[], byte[]> deadLetter) {
        limit.refused(sizeOf(deadLetter.key(), deadLetter.value(), deadLetter.headers()));
        return fit(deadLetter);
    }

    int maxRecordBytes() {
        return limit.maxRecordBytes();
    }

    /** {@code deadLetter} unchanged if it fits the limit, else cut as the class comment says. */
    ProducerRecord<byte[], byte[]> fit(ProducerRecord<byte[], byte[]> deadLetter) {
        int max = limit.maxRecordBytes();
        byte[] key = deadLetter.key();
        byte[] value = deadLetter.value();
        if (sizeOf(key, value, deadLetter.headers()) <= max) {
            return deadLetter;
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : deadLetter.headers()) {
            if (!DeadLetterHeaders.LEFT_OUT.equals(header.key())) {
                headers.add(header);
            }
        }
        String originalSize = lastValue(headers, DeadLetterHeaders.VALUE_SIZE);
        List<String> leftOut = new ArrayList<>();
        if (value != null && sizeOf(key, value, headers) + NOTE_BYTES > max) {
            int room = max - NOTE_BYTES - sizeOf(key, null, headers);
            if (room > 0) {
                value = Arrays.copyOf(value, room);
                leftOut.add("the value after its first " + room + " of " + originalSize + " bytes");
            } else {
                value = null;
                leftOut.add("the whole value (" + originalSize + " bytes)");
            }
        }
        if (sizeOf(key, value, headers) + NOTE_BYTES > max
                && headers.removeIf(header -> !DeadLetterHeaders.isDeadLetterHeader(header.key()))) {
            leftOut.add("the source record's headers");
        }
        if (sizeOf(key, value, headers) + NOTE_BYTES > max
                && headers.removeIf(header -> DeadLetterHeaders.STACKTRACE.equals(header.key()))) {
            leftOut.add("the stack trace");
        }
        if (sizeOf(key, value, headers) + NOTE_BYTES > max && key != null) {
            leftOut.add("the key (" + key.length + " bytes)");
            key = null;
        }
        Headers cut = new RecordHeaders(headers);
        cut.add(
                DeadLetterHeaders.LEFT_OUT,
                utf8(String.join("; ", leftOut) + ": dead letters are limited to " + max
                        + " bytes (the producer's max.request.size, the dead-letter topic's max.message.bytes)"));
        return new ProducerRecord<>(
                deadLetter.topic(), deadLetter.partition(), deadLetter.timestamp(), key, value, cut);
    }

    /** An upper bound of the record's size as the producer and broker count it. */
    static int sizeOf(byte[] key, byte[] value, Iterable<Header> headers) {
        long size = RECORD_OVERHEAD_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += HEADER_OVERHEAD_BYTES
                    + header.key().getBytes(StandardCharsets.UTF_8).length
                    + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    private static String lastValue(List<Header> headers, String name) {
        String value = "?";
        for (Header header : headers) {
            if (name.equals(header.key()) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
