package io.actorpreload.chaos;

import io.actorpreload.avro.PreloadStatus;
import java.util.Optional;

/**
 * One command a runner process handled, as its child wrote it: one line
 * {@code <actorId> <generation> <runnerId> <handledAtEpochMillis> <preloadStatus>}.
 */
record HandledEvent(RequestKey key, String runnerId, long handledAtMillis, PreloadStatus status) {
    /** The line a runner child writes for this event. */
    String toLine() {
        return key.actorId() + " " + key.generation() + " " + runnerId + " " + handledAtMillis + " " + status;
    }

    /** The event of {@code line}, or empty when it is not one (a line cut short by a SIGKILL). */
    static Optional<HandledEvent> parse(String line) {
        String[] parts = line.trim().split(" ");
        if (parts.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HandledEvent(
                    new RequestKey(parts[0], Long.parseLong(parts[1])),
                    parts[2],
                    Long.parseLong(parts[3]),
                    PreloadStatus.valueOf(parts[4])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
