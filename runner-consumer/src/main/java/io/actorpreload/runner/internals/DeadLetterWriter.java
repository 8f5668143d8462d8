package io.actorpreload.runner.internals;

import io.actorpreload.runner.RunnerConfig;
import io.actorpreload.runner.RunnerDeadLetters;
import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a runner's dead letters: the command record as it was (key, value bytes, headers,
 * timestamp) plus the {@link RunnerDeadLetters} headers, and waits until the broker has it, so the
 * caller commits past the command only once its dead letter is safe. Should the topic refuse the
 * record as too large (a topic made by hand with a smaller limit than the runner creates), the
 * dead letter is written without its value, saying so, rather than stalling the partition for good.
 *
 * <p>Not thread-safe: used by the consumer thread only. Closes its producer.
 */
public final class DeadLetterWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
    private static final int MAX_MESSAGE_CHARS = 4_000;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public DeadLetterWriter(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public String topic() {
        return topic;
    }

    /**
     * Writes {@code record}'s dead letter and waits for the broker's acknowledgement.
     *
     * @throws KafkaException when it could not be written within the timeout; the caller tries again later
     */
    public void write(ConsumerRecord<byte[], byte[]> record, CommandFailure failure, int attempts) {
        ProducerRecord<byte[], byte[]> deadLetter = deadLetter(record, failure, attempts, record.value());
        try {
            send(deadLetter);
        } catch (RecordTooLargeException e) {
            int size = record.value() == null ? 0 : record.value().length;
            LOG.error(
                    "The dead-letter topic {} refused the {}-byte command from {}-{} offset {} as too large ({}); "
                            + "writing the dead letter without its value. Give {} a max.message.bytes as large as the command "
                            + "topic's plus {} bytes.",
                    topic,
                    size,
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage(),
                    topic,
                    RunnerConfig.DEAD_LETTER_HEADROOM_BYTES);
            ProducerRecord<byte[], byte[]> withoutValue = deadLetter(record, failure, attempts, null);
            withoutValue
                    .headers()
                    .add(DeadLetterHeaders.VALUE_SIZE, utf8(Integer.toString(size)))
                    .add(DeadLetterHeaders.LEFT_OUT, utf8("the value of " + size + " bytes"));
            send(withoutValue);
        }
    }

    private void send(ProducerRecord<byte[], byte[]> deadLetter) {
        try {
            producer.send(deadLetter).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecordTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new KafkaException(
                    "Cannot write to the dead-letter topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("Writing to the dead-letter topic " + topic + " took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while writing to the dead-letter topic " + topic, e);
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(
            ConsumerRecord<byte[], byte[]> record, CommandFailure failure, int attempts, byte[] value) {
        ProducerRecord<byte[], byte[]> deadLetter =
                new ProducerRecord<>(topic, null, record.timestamp(), record.key(), value);
        for (Header header : record.headers()) {
            deadLetter.headers().add(header);
        }
        Throwable reported = failure.reported();
        deadLetter
                .headers()
                .add(DeadLetterHeaders.REASON, utf8(reason(failure.kind()).name()))
                .add(DeadLetterHeaders.EXCEPTION, utf8(reported.getClass().getName()))
                .add(DeadLetterHeaders.MESSAGE, utf8(cut(String.valueOf(reported.getMessage()))))
                .add(DeadLetterHeaders.TOPIC, utf8(record.topic()))
                .add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(record.partition())))
                .add(DeadLetterHeaders.OFFSET, utf8(Long.toString(record.offset())))
                .add(DeadLetterHeaders.ATTEMPTS, utf8(Integer.toString(attempts)));
        OptionalInt schemaId = failure.schemaId();
        if (schemaId.isPresent()) {
            deadLetter.headers().add(DeadLetterHeaders.SCHEMA_ID, utf8(Integer.toString(schemaId.getAsInt())));
        }
        return deadLetter;
    }

    static RunnerDeadLetters.Reason reason(CommandFailure.Kind kind) {
        return switch (kind) {
            case UNDECODABLE -> RunnerDeadLetters.Reason.UNDECODABLE;
            case NO_VALUE -> RunnerDeadLetters.Reason.NO_VALUE;
            case UNKNOWN_SCHEMA_ID -> RunnerDeadLetters.Reason.UNKNOWN_SCHEMA_ID;
            case HANDLER_FAILED -> RunnerDeadLetters.Reason.HANDLER_FAILED;
            case REGISTRY_UNAVAILABLE ->
                throw new IllegalArgumentException("A registry outage never dead-letters a command. Got: " + kind);
        };
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
