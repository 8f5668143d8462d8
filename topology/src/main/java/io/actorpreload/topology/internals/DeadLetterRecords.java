package io.actorpreload.topology.internals;

import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds dead letters: the source record's original key and value bytes, its original headers,
 * plus headers naming the error and the source ({@link DeadLetterHeaders}). The stack trace header is added only for unexpected
 * errors: for bad input the message says all there is to say. Stateless; thread-safe.
 */
public final class DeadLetterRecords {
    /** Streams property (set by the application) naming the start-request topic, whose records may be dead-lettered. */
    public static final String START_REQUESTS_TOPIC_CONFIG = "actor.preload.start.requests.topic";


    private final String deadLetterTopic;
    private final String startRequestsTopic;

    private DeadLetterRecords(String deadLetterTopic, String startRequestsTopic) {
        this.deadLetterTopic = deadLetterTopic;
        this.startRequestsTopic = startRequestsTopic;
    }

    /**
     * Reads the dead-letter topic and the start-request topic from a handler's configuration.
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
        return new DeadLetterRecords(deadLetterTopic.toString(), startRequestsTopic.toString());
    }

    String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** Whether a failed record of {@code sourceTopic} belongs in the dead letters (manifests do not). */
    boolean isDeadLettered(String sourceTopic) {
        return startRequestsTopic.equals(sourceTopic);
    }

    ProducerRecord<byte[], byte[]> build(byte[] key, byte[] value, ErrorHandlerContext context, Exception error) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(deadLetterTopic, null, context.timestamp(), key, value);
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                record.headers().add(header);
            }
        }
        record.headers()
                .add(DeadLetterHeaders.EXCEPTION, utf8(error.getClass().getName()))
                .add(DeadLetterHeaders.MESSAGE, utf8(String.valueOf(error.getMessage())))
                .add(DeadLetterHeaders.TOPIC, utf8(context.topic()))
                .add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(context.partition())))
                .add(DeadLetterHeaders.OFFSET, utf8(Long.toString(context.offset())));
        if (!(error instanceof UnroutableRequestException)) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            record.headers().add(DeadLetterHeaders.STACKTRACE, utf8(trace.toString()));
        }
        return record;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
