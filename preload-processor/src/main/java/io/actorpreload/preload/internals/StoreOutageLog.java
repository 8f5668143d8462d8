package io.actorpreload.preload.internals;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a store outage as an operator wants to read it: one line when preloads start failing, one
 * when a preload succeeds again, saying how many failed in between and for how long. The failures
 * in between are counted, not logged: each one's reason is already in its command and the metrics,
 * and a line per start request would flood the log for as long as the outage lasts.
 *
 * <p>Thread-safe: preloads complete on the store's threads. A success outside an outage costs one
 * volatile read.
 */
public final class StoreOutageLog {
    private final Logger log;
    private volatile boolean down;
    private long failures;
    private Instant since;

    public StoreOutageLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * A preload failed because of the store (an error or a passed deadline); {@code cause} is logged
     * with its stack trace when it is not an error the store reports in the ordinary way (null: none).
     */
    public void failed(String actorId, String reason, Throwable cause) {
        synchronized (this) {
            failures++;
            if (down) {
                return;
            }
            down = true;
            since = Instant.now();
        }
        String message = "The store outage began: the preload of actor {} failed ({}). Actors start without their "
                + "preload (STORE_ERROR) and read from the store; further failures are counted, not logged, until "
                + "a preload succeeds.";
        if (cause == null) {
            log.warn(message, actorId, reason);
        } else {
            log.warn(message, actorId, reason, cause);
        }
    }

    /** A preload read the store: ends an outage, if there was one, with a line saying what it cost. */
    public void succeeded() {
        if (!down) {
            return;
        }
        long failed;
        Instant began;
        synchronized (this) {
            if (!down) {
                return;
            }
            failed = failures;
            began = since;
            down = false;
            failures = 0;
        }
        Duration lasted = Duration.between(began, Instant.now());
        log.warn(
                "The store outage ended: the store answers preloads again; {} preloads failed over {} ms since {}.",
                failed,
                lasted.toMillis(),
                began);
    }
}
