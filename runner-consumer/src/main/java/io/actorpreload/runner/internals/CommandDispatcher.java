package io.actorpreload.runner.internals;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.runner.StartCommandHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record of a runner's command topic, apart from Kafka's consumer: decode it,
 * skip it when undecodable or already handled, drop a stale preload, and call the handler.
 * Not thread-safe: used by the consumer thread only.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** What became of a record. */
    public enum Outcome {
        /** The handler returned. */
        HANDLED,
        /** Its (actorId, generation) was handled before: a redelivery, skipped. */
        DUPLICATE,
        /** Not a readable command: logged and skipped. */
        UNDECODABLE
    }

    /** The handler threw, or the record could not be decoded for a reason that may pass (registry down). */
    public static final class RetryableException extends Exception {
        public RetryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Deserializer<StartActorCommand> deserializer;
    private final StartCommandHandler handler;
    private final HandledCommands handled;
    private final Clock clock;
    private final Duration maxPreloadAge;

    public CommandDispatcher(Deserializer<StartActorCommand> deserializer, StartCommandHandler handler,
                             HandledCommands handled, Clock clock, Duration maxPreloadAge) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.handled = Objects.requireNonNull(handled, "handled");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxPreloadAge = Objects.requireNonNull(maxPreloadAge, "maxPreloadAge");
    }

    /**
     * Dispatches the record at {@code topic}/{@code partition}/{@code offset} with value {@code value}.
     *
     * @throws RetryableException when the same record should be dispatched again later
     */
    public Outcome dispatch(String topic, int partition, long offset, byte[] value) throws RetryableException {
        StartActorCommand command;
        try {
            command = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            LOG.error("Skipping the record at {}-{} offset {}: it is not a readable StartActorCommand ({}). "
                    + "The actor it was meant to start, if any, does not start; fix its producer.",
                    topic, partition, offset, e.getMessage());
            return Outcome.UNDECODABLE;
        } catch (RuntimeException e) {
            throw new RetryableException("Cannot decode the record at " + topic + "-" + partition + " offset " + offset
                    + " (" + e + "); is the schema registry reachable? Retrying.", e);
        }
        if (command == null) {
            LOG.error("Skipping the record at {}-{} offset {}: it has no value (a tombstone), not a start command.",
                    topic, partition, offset);
            return Outcome.UNDECODABLE;
        }
        String actorId = String.valueOf(command.getActorId());
        if (handled.contains(actorId, command.getGeneration())) {
            LOG.info("Skipping the record at {}-{} offset {}: actor {} generation {} was already handled (a redelivery).",
                    topic, partition, offset, actorId, command.getGeneration());
            return Outcome.DUPLICATE;
        }
        try {
            handler.handle(command, preloadOf(command));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new RetryableException("The start handler failed for actor " + actorId + " generation "
                    + command.getGeneration() + " (" + topic + "-" + partition + " offset " + offset + "): " + e, e);
        }
        handled.add(actorId, command.getGeneration());
        return Outcome.HANDLED;
    }

    /** The command's preload when it has a trustworthy, fresh one; else {@link PreloadMap#none()}. */
    private PreloadMap preloadOf(StartActorCommand command) {
        if (command.getPreloadedKv() == null || command.getPreloadStatus() != PreloadStatus.PRELOADED) {
            return PreloadMap.none();
        }
        Instant requestedAt = command.getRequestedAt();
        Duration age = Duration.between(requestedAt, clock.instant());
        if (age.compareTo(maxPreloadAge) > 0) {
            LOG.warn("Ignoring the preload of actor {} generation {}: it was requested at {}, {} ago, more than the "
                    + "max preload age {}. The actor reads its state through the KV client instead, so it cannot "
                    + "start on a stale snapshot.", command.getActorId(), command.getGeneration(), requestedAt, age,
                    maxPreloadAge);
            return PreloadMap.none();
        }
        return PreloadMap.of(command.getPreloadedKv());
    }
}
