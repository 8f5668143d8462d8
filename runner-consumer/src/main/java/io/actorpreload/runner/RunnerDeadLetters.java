package io.actorpreload.runner;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contract of a runner's dead-letter topic ({@link RunnerConfig#deadLetterTopic()}): a dead
 * letter is the command record as it was (same key, value bytes, headers and timestamp) plus the
 * headers below, all UTF-8 text. It is replayed by writing {@link #replay(ConsumerRecord)} with any
 * producer: the runner then reads it again like any command (a command already handled is skipped
 * by the de-duplication, so a replay never starts an actor twice in one client's life).
 *
 * <p>Stateless; thread-safe.
 */
public final class RunnerDeadLetters {
    /** Why the command is here: a {@link Reason} name. */
    public static final String REASON_HEADER = "dlq.reason";
    /** The class of the last exception (the decoder's or the handler's). */
    public static final String EXCEPTION_HEADER = "dlq.exception";
    /** That exception's message, cut to 4,000 characters. */
    public static final String MESSAGE_HEADER = "dlq.message";
    /** Where the command was read: topic, partition and offset. */
    public static final String SOURCE_TOPIC_HEADER = "dlq.source.topic";
    public static final String SOURCE_PARTITION_HEADER = "dlq.source.partition";
    public static final String SOURCE_OFFSET_HEADER = "dlq.source.offset";
    /** The schema id of the value's wire-format header; absent when the value has no such header. */
    public static final String SCHEMA_ID_HEADER = "dlq.schema.id";
    /** How many times the command was tried (1 for a command that could not be decoded at all). */
    public static final String ATTEMPTS_HEADER = "dlq.attempts";
    /**
     * Present only when the dead-letter topic refused the whole record (a topic created by hand with a
     * smaller {@code max.message.bytes}): the value was left out and this says how many bytes it had.
     */
    public static final String VALUE_OMITTED_HEADER = "dlq.value.omitted.bytes";

    /** The prefix of every header this class adds; {@link #replay} drops them. */
    public static final String HEADER_PREFIX = "dlq.";

    /** Why a command went to the dead-letter topic. */
    public enum Reason {
        /** Its bytes are not a readable StartActorCommand (wrong magic byte, truncated, malformed, another record type). */
        UNDECODABLE,
        /** It has no value (a tombstone): there is nothing to start. */
        NO_VALUE,
        /** The registry kept not knowing its schema id for {@link RunnerConfig#unknownSchemaTimeout()}. */
        UNKNOWN_SCHEMA_ID,
        /** The handler threw on each of {@link RunnerConfig#maxHandlerAttempts()} attempts. */
        HANDLER_FAILED
    }

    private RunnerDeadLetters() {
    }

    /**
     * The record that puts {@code deadLetter} back on the command topic it came from: its key, value,
     * timestamp and original headers, without this class's {@code dlq.*} headers.
     *
     * @throws IllegalArgumentException when it has no {@link #SOURCE_TOPIC_HEADER} (not a runner's dead letter),
     *     or its value was left out ({@link #VALUE_OMITTED_HEADER})
     */
    public static ProducerRecord<byte[], byte[]> replay(ConsumerRecord<byte[], byte[]> deadLetter) {
        Objects.requireNonNull(deadLetter, "deadLetter");
        Header source = deadLetter.headers().lastHeader(SOURCE_TOPIC_HEADER);
        if (source == null || source.value() == null) {
            throw new IllegalArgumentException("The record at " + deadLetter.topic() + "-" + deadLetter.partition()
                    + " offset " + deadLetter.offset() + " has no " + SOURCE_TOPIC_HEADER
                    + " header: it is not a runner's dead letter");
        }
        if (deadLetter.headers().lastHeader(VALUE_OMITTED_HEADER) != null) {
            throw new IllegalArgumentException("The dead letter at " + deadLetter.topic() + "-" + deadLetter.partition()
                    + " offset " + deadLetter.offset() + " lost its value (" + VALUE_OMITTED_HEADER
                    + "): there is nothing to replay");
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!header.key().startsWith(HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        String topic = new String(source.value(), StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, deadLetter.timestamp(), deadLetter.key(), deadLetter.value(), headers);
    }
}
