package io.actorpreload.runner.internals;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The one place that decides what becomes of a command that failed: tried again after a backoff,
 * or dead-lettered. Rules, per {@link CommandFailure.Kind}:
 * <ul>
 *   <li>{@code UNDECODABLE}, {@code NO_VALUE}: dead-lettered at once; trying again reads the same bytes.
 *   <li>{@code HANDLER_FAILED}: tried again until the handler has failed {@code maxHandlerAttempts} times.
 *   <li>{@code UNKNOWN_SCHEMA_ID}: tried again until the id has been unknown for {@code unknownSchemaTimeout},
 *       counted per schema id from its first miss, so that once an id is given up the commands behind
 *       it written with the same id go at once instead of each waiting the whole time again.
 *   <li>{@code REGISTRY_UNAVAILABLE}: tried again without limit: an outage is not the command's fault.
 * </ul>
 * Waits start at {@code backoff} and double per attempt at the same command, up to {@code maxBackoff}.
 *
 * <p>Keeps the attempts of the command each partition is stuck on (at most one: a partition does not
 * move past a failed command) and the first-miss times of at most {@value #MAX_UNKNOWN_IDS} schema
 * ids. Not thread-safe: used by the consumer thread only.
 */
public final class CommandRetries {
    static final int MAX_UNKNOWN_IDS = 1024;

    /** What to do with a failed command. {@code retryAfter} is meaningful only when not {@code deadLetter}. */
    public record Decision(boolean deadLetter, Duration retryAfter, int attempts) {}

    private record Stuck(long offset, int attempts, CommandFailure pendingDeadLetter) {}

    private final Duration backoff;
    private final Duration maxBackoff;
    private final int maxHandlerAttempts;
    private final Duration unknownSchemaTimeout;
    private final LongSupplier nanoTime;
    private final Map<TopicPartition, Stuck> stuck = new HashMap<>();
    private final Map<Integer, Long> unknownSince = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > MAX_UNKNOWN_IDS;
        }
    };

    public CommandRetries(
            Duration backoff,
            Duration maxBackoff,
            int maxHandlerAttempts,
            Duration unknownSchemaTimeout,
            LongSupplier nanoTime) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxHandlerAttempts < 1) {
            throw new IllegalArgumentException("maxHandlerAttempts must be at least 1. Got: " + maxHandlerAttempts);
        }
        this.maxHandlerAttempts = maxHandlerAttempts;
        this.unknownSchemaTimeout = Objects.requireNonNull(unknownSchemaTimeout, "unknownSchemaTimeout");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Records one more failed attempt at the command at {@code partition}/{@code offset} and decides. */
    public Decision onFailure(TopicPartition partition, long offset, CommandFailure failure) {
        Stuck previous = stuck.get(partition);
        int attempts = previous != null && previous.offset() == offset ? previous.attempts() + 1 : 1;
        stuck.put(partition, new Stuck(offset, attempts, null));
        boolean deadLetter = switch (failure.kind()) {
            case UNDECODABLE, NO_VALUE -> true;
            case HANDLER_FAILED -> attempts >= maxHandlerAttempts;
            case UNKNOWN_SCHEMA_ID -> unknownTooLong(failure);
            case REGISTRY_UNAVAILABLE -> false;
        };
        return new Decision(deadLetter, deadLetter ? Duration.ZERO : backoffBefore(attempts + 1), attempts);
    }

    /** How long the schema id of {@code failure} has been unknown, for logs; zero when it is not. */
    public Duration unknownFor(CommandFailure failure) {
        Long since = failure.schemaId().isPresent()
                ? unknownSince.get(failure.schemaId().getAsInt())
                : null;
        return since == null ? Duration.ZERO : Duration.ofNanos(nanoTime.getAsLong() - since);
    }

    private boolean unknownTooLong(CommandFailure failure) {
        if (failure.schemaId().isEmpty()) {
            return true; // cannot happen: an unknown id was read from the header
        }
        long now = nanoTime.getAsLong();
        long since = unknownSince.computeIfAbsent(failure.schemaId().getAsInt(), id -> now);
        return now - since >= unknownSchemaTimeout.toNanos();
    }

    /**
     * The command at {@code partition}/{@code offset} was dead-lettered in decision but the dead letter
     * could not be written: remember to write it when it comes again, without handling it again.
     */
    public Duration deadLetterFailed(TopicPartition partition, long offset, CommandFailure failure) {
        Stuck previous = stuck.get(partition);
        int attempts = previous != null && previous.offset() == offset ? previous.attempts() : 1;
        stuck.put(partition, new Stuck(offset, attempts, failure));
        return maxBackoff;
    }

    /** The failure to dead-letter without trying the command at {@code partition}/{@code offset} again, if any. */
    public CommandFailure pendingDeadLetter(TopicPartition partition, long offset) {
        Stuck current = stuck.get(partition);
        return current != null && current.offset() == offset ? current.pendingDeadLetter() : null;
    }

    /** Attempts made at the command {@code partition} is stuck on, 0 when none. */
    public int attempts(TopicPartition partition, long offset) {
        Stuck current = stuck.get(partition);
        return current != null && current.offset() == offset ? current.attempts() : 0;
    }

    /** The command at {@code partition} was handled, skipped or dead-lettered; its id, if any, resolved. */
    public void done(TopicPartition partition, OptionalInt resolvedSchemaId) {
        stuck.remove(partition);
        resolvedSchemaId.ifPresent(unknownSince::remove);
    }

    /** Forgets the partitions this consumer no longer owns. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(stuck::remove);
    }

    /** The wait before attempt {@code attempt} (2 for the first retry): backoff doubled per retry, capped. */
    Duration backoffBefore(int attempt) {
        long millis = backoff.toMillis();
        for (int i = 2; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
