package io.actorpreload.runner.internals;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.schemas.contract.PreloadFailures;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one record of a runner's command topic, apart from Kafka's consumer: decode it,
 * skip it when already handled, log and count why a preload failed, drop a stale preload (aged from
 * its snapshot read, {@code preloadedAt}, or from {@code requestedAt} for older commands; a time in
 * the future counts as too old), and call the handler. A record that is
 * neither handled nor skipped throws a {@link CommandFailure} saying why; the caller decides
 * whether to retry it or dead-letter it. Not thread-safe: used by the consumer thread only.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    /** What became of a record that did not fail. */
    public enum Outcome {
        /** The handler returned. */
        HANDLED,
        /** Its (actorId, generation) was handled before: a redelivery, skipped. */
        DUPLICATE
    }

    private final Deserializer<StartActorCommand> deserializer;
    private final CommandHandler handler;
    private final HandledCommands handled;
    private final Clock clock;
    private final Duration maxPreloadAge;
    private final RunnerCounters counters;

    public CommandDispatcher(
            Deserializer<StartActorCommand> deserializer,
            CommandHandler handler,
            HandledCommands handled,
            Clock clock,
            Duration maxPreloadAge,
            RunnerCounters counters) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.handled = Objects.requireNonNull(handled, "handled");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxPreloadAge = Objects.requireNonNull(maxPreloadAge, "maxPreloadAge");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * Dispatches the record at {@code topic}/{@code partition}/{@code offset} with value {@code value}.
     *
     * @throws CommandFailure when the record was neither handled nor skipped, with the reason
     */
    public Outcome dispatch(String topic, int partition, long offset, byte[] value) throws CommandFailure {
        String where = topic + "-" + partition + " offset " + offset;
        OptionalInt schemaId = WireFormatHeader.schemaId(value);
        if (value == null) {
            throw new CommandFailure(
                    CommandFailure.Kind.NO_VALUE,
                    schemaId,
                    "The record at " + where + " has no value (a tombstone), not a start command",
                    null);
        }
        StartActorCommand command = decode(where, topic, value, schemaId);
        String actorId = String.valueOf(command.getActorId());
        if (handled.contains(actorId, command.getGeneration())) {
            LOG.info(
                    "Skipping the record at {}: actor {} generation {} was already handled (a redelivery).",
                    where,
                    actorId,
                    command.getGeneration());
            return Outcome.DUPLICATE;
        }
        try {
            handler.handle(command, preloadOf(command));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CommandFailure(
                    CommandFailure.Kind.HANDLER_FAILED,
                    schemaId,
                    "The start handler failed for actor " + actorId + " generation " + command.getGeneration() + " ("
                            + where + "): " + e,
                    e);
        }
        handled.add(actorId, command.getGeneration());
        return Outcome.HANDLED;
    }

    private StartActorCommand decode(String where, String topic, byte[] value, OptionalInt schemaId)
            throws CommandFailure {
        try {
            return deserializer.deserialize(topic, value);
        } catch (InvalidAvroPayloadException e) {
            if (e.problem() == InvalidAvroPayloadException.Problem.UNKNOWN_SCHEMA_ID) {
                throw new CommandFailure(
                        CommandFailure.Kind.UNKNOWN_SCHEMA_ID,
                        schemaId,
                        "The registry has no schema " + "with id " + idText(schemaId) + ", which the record at " + where
                                + " was written with",
                        e);
            }
            throw new CommandFailure(
                    CommandFailure.Kind.UNDECODABLE,
                    schemaId,
                    "The record at " + where + " is not a readable StartActorCommand: " + e.getMessage(),
                    e);
        } catch (SerializationException e) {
            throw new CommandFailure(
                    CommandFailure.Kind.UNDECODABLE,
                    schemaId,
                    "The record at " + where + " is not a readable StartActorCommand: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            // Not the bytes' fault (registry unreachable, 5xx, refused): the same bytes may read later.
            throw new CommandFailure(
                    CommandFailure.Kind.REGISTRY_UNAVAILABLE,
                    schemaId,
                    "Cannot fetch schema id " + idText(schemaId) + " for the record at " + where
                            + " from the registry: " + e.getMessage(),
                    e);
        }
    }

    private static String idText(OptionalInt schemaId) {
        return schemaId.isPresent() ? Integer.toString(schemaId.getAsInt()) : "?";
    }

    /** The command's preload when it has a trustworthy, fresh one; else {@link PreloadMap#none()}. */
    private PreloadMap preloadOf(StartActorCommand command) {
        PreloadStatus status = command.getPreloadStatus();
        if (FAILED.contains(status)) {
            String reason = command.getPreloadFailure() == null
                    ? null
                    : command.getPreloadFailure().toString();
            counters.recordPreloadFailure(PreloadFailures.kindOf(reason));
            LOG.info(
                    "Actor {} generation {} starts without preload ({}): {}. It reads its state through the KV client.",
                    command.getActorId(),
                    command.getGeneration(),
                    status,
                    reason == null ? "the topology gave no reason" : reason);
        }
        if (command.getPreloadedKv() == null || status != PreloadStatus.PRELOADED) {
            return PreloadMap.none();
        }
        // Aged from the snapshot read, so a topology backlog does not spoil a fresh read; commands
        // written before preloadedAt existed fall back to the request time, which is earlier.
        Instant readAt = command.getPreloadedKv().getPreloadedAt();
        Instant from = readAt != null ? readAt : command.getRequestedAt();
        Instant now = clock.instant();
        Duration age = Duration.between(from, now);
        String what = readAt != null ? "read" : "requested";
        if (age.isNegative()) {
            // Not trusted: a time in the future would make a snapshot of any age look fresh.
            counters.recordStalePreload();
            LOG.warn(
                    "Ignoring the preload of actor {} generation {}: its snapshot was {} at {}, {} in the future of "
                            + "this runner's clock. Are the clocks of the topology and the runner in step (NTP)? The actor "
                            + "reads its state through the KV client instead.",
                    command.getActorId(),
                    command.getGeneration(),
                    what,
                    from,
                    age.negated());
            return PreloadMap.none();
        }
        if (age.compareTo(maxPreloadAge) > 0) {
            counters.recordStalePreload();
            LOG.warn(
                    "Ignoring the preload of actor {} generation {}: its snapshot was {} at {}, {} ago, more than the "
                            + "max preload age {}. The actor reads its state through the KV client instead, so it cannot "
                            + "start on a stale snapshot.",
                    command.getActorId(),
                    command.getGeneration(),
                    what,
                    from,
                    age,
                    maxPreloadAge);
            return PreloadMap.none();
        }
        // Just decoded and not shared with anyone: the map keeps its arrays, the handler gets read-only views.
        return PreloadMap.sharing(command.getPreloadedKv());
    }

    private static final Set<PreloadStatus> FAILED =
            EnumSet.of(PreloadStatus.STORE_ERROR, PreloadStatus.TOO_LARGE, PreloadStatus.INVALID_MANIFEST);
}
