package io.actorpreload.runner;

import io.actorpreload.schemas.contract.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The contract of a runner's dead-letter topic ({@link RunnerConfig#deadLetterTopic()}): a dead
 * letter is the command record as it was (same key, value bytes, headers and timestamp) plus the
 * pipeline's dead-letter headers ({@link DeadLetterHeaders}; {@link DeadLetterHeaders#REASON} holds
 * a {@link Reason} name, {@link DeadLetterHeaders#MESSAGE} the last exception's message cut to 4,000
 * characters, {@link DeadLetterHeaders#ATTEMPTS} how many times it was tried). It is replayed by writing {@link #replay(ConsumerRecord)} with any
 * producer: the runner then reads it again like any command (a command already handled is skipped
 * by the de-duplication, so a replay never starts an actor twice in one client's life).
 *
 * <p>Stateless; thread-safe.
 */
public final class RunnerDeadLetters {
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

    private RunnerDeadLetters() {}

    /**
     * The record that puts {@code deadLetter} back on the command topic it came from: its key, value,
     * timestamp and original headers, without the dead-letter headers.
     *
     * @throws IllegalArgumentException when it has no {@link #DeadLetterHeaders.TOPIC} (not a runner's dead letter),
     *     or its value was left out ({@link DeadLetterHeaders#LEFT_OUT})
     */
    public static ProducerRecord<byte[], byte[]> replay(ConsumerRecord<byte[], byte[]> deadLetter) {
        Objects.requireNonNull(deadLetter, "deadLetter");
        Header source = deadLetter.headers().lastHeader(DeadLetterHeaders.TOPIC);
        if (source == null || source.value() == null) {
            throw new IllegalArgumentException("The record at " + deadLetter.topic() + "-" + deadLetter.partition()
                    + " offset " + deadLetter.offset() + " has no " + DeadLetterHeaders.TOPIC
                    + " header: it is not a runner's dead letter");
        }
        if (deadLetter.headers().lastHeader(DeadLetterHeaders.LEFT_OUT) != null) {
            throw new IllegalArgumentException("The dead letter at " + deadLetter.topic() + "-" + deadLetter.partition()
                    + " offset " + deadLetter.offset() + " lost its value (" + DeadLetterHeaders.LEFT_OUT
                    + "): there is nothing to replay");
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : deadLetter.headers()) {
            if (!DeadLetterHeaders.isDeadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        String topic = new String(source.value(), StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, null, deadLetter.timestamp(), deadLetter.key(), deadLetter.value(), headers);
    }
}
