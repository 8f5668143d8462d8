package io.actorpreload.preload;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.preload.internals.PreloadPlan;
import io.actorpreload.preload.internals.SnapshotPreload;
import io.actorpreload.preload.internals.StoreOutageLog;
import io.actorpreload.preload.layout.CorruptDataException;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreTimeoutException;
import io.actorpreload.schemas.contract.PreloadFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the budgeted snapshot preload of docs/ARCHITECTURE.md ("The preload") for one actor against a store:
 * one snapshot read transaction, budget = min(global budget, manifest budget), get-keys then
 * prefixes by rules 1-4.
 *
 * <p>A store that fails preloads one after another is logged as one outage ({@code StoreOutageLog}):
 * a line when it begins and one when a preload succeeds again, with the count in between.
 *
 * <p>Thread-safe (no state but the store, the settings and the outage log). Never throws for a store failure, corrupt
 * data or a passed deadline: it returns a {@code STORE_ERROR} outcome whose reason says what went
 * wrong, so the actor starts without the preload and its runner reads from the store (rule 5).
 * {@link #preloadAsync} returns at once; the blocking {@link #preload} waits at most until the
 * deadline (plus a short grace for the store to report its own timeout).
 */
public final class Preloader {
    private static final Logger log = LoggerFactory.getLogger(Preloader.class);
    private static final Duration GRACE = Duration.ofMillis(100);

    private final PreloadStore store;
    private final PreloadSettings settings;
    private final StoreOutageLog outages = new StoreOutageLog(log);

    public Preloader(PreloadStore store, PreloadSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Preloads the start-up keys of {@code actorId} that {@code manifest} names, within
     * min(global budget, manifest budget), waiting for the result: {@link #preloadAsync} and a wait
     * that ends by the deadline (plus a short grace). For callers that have nothing else to do meanwhile.
     *
     * @param manifest an already validated manifest (see ManifestValidation in schemas); one that is
     *     not is read defensively (repeats count once, negative sizes as 0)
     * @return {@code PRELOADED} with the keys, {@code DISABLED}, or {@code STORE_ERROR} with a reason
     */
    public PreloadOutcome preload(String actorId, PreloadManifest manifest) {
        CompletableFuture<PreloadOutcome> outcome = preloadAsync(actorId, manifest);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.cancel(true);
            return failed(actorId, e);
        } catch (ExecutionException | CancellationException e) {
            return failed(actorId, e); // not reached: preloadAsync never completes exceptionally
        }
    }

    /**
     * Starts the preload of {@link #preload} and returns at once. The future always completes
     * normally, by the deadline plus a short grace at the latest: a store failure, corrupt data or a
     * passed deadline give a {@code STORE_ERROR} outcome, never an exceptional future. It may
     * complete on a thread of the store's (e.g. FoundationDB's callback executor): dependents
     * should only hand the outcome over to their own thread, never do heavy work there.
     *
     * @param manifest an already validated manifest, as for {@link #preload}
     */
    public CompletableFuture<PreloadOutcome> preloadAsync(String actorId, PreloadManifest manifest) {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(manifest, "manifest");
        if (settings.globalBudgetBytes() == 0 || manifest.getMaxTotalBytes() == 0) {
            // An actor type may switch its own preload off as the operator switches off all of them.
            return CompletableFuture.completedFuture(PreloadOutcome.disabled());
        }
        Instant deadline = Instant.now().plus(settings.deadline());
        CompletableFuture<PreloadedKv> result;
        try {
            PreloadPlan plan = PreloadPlan.of(manifest, settings.globalBudgetBytes());
            result = store.readSnapshot(
                    deadline, reader -> new SnapshotPreload(store.layout(), actorId, plan, reader).run());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(actorId, e));
        }
        // The store reports its own deadline; the grace only catches a driver that does not.
        long waitMillis = settings.deadline().plus(GRACE).toMillis();
        return result.orTimeout(waitMillis, TimeUnit.MILLISECONDS).handle((kv, failure) -> {
            if (failure == null) {
                outages.succeeded();
                return PreloadOutcome.preloaded(kv);
            }
            if (unwrap(failure) instanceof TimeoutException) {
                result.cancel(true);
                return failed(
                        actorId,
                        new StoreTimeoutException("the preload did not finish within its deadline of "
                                + settings.deadline().toMillis() + " ms"));
            }
            return failed(actorId, failure);
        });
    }

    private PreloadOutcome failed(String actorId, Throwable failure) {
        Throwable cause = unwrap(failure);
        String reason = reason(cause);
        if (cause instanceof StoreException) {
            // Timeouts included: the store's own way of failing, logged once per outage, not per actor.
            outages.failed(actorId, reason, null);
        } else if (cause instanceof CorruptDataException || cause instanceof InterruptedException) {
            log.warn(
                    "Preload of actor {} failed; the actor starts without it and reads from the store: {}",
                    actorId,
                    reason);
        } else {
            log.warn(
                    "Preload of actor {} failed; the actor starts without it and reads from the store: {}",
                    actorId,
                    reason,
                    cause);
        }
        return PreloadOutcome.storeError(reason);
    }

    /** The short reason the command carries (see PreloadFailures): its kind says what the runner counts. */
    private static String reason(Throwable cause) {
        if (cause instanceof CorruptDataException) {
            return PreloadFailures.reason(
                    PreloadFailures.CORRUPT_DATA, "corrupt data in the store: " + cause.getMessage());
        }
        if (cause instanceof StoreTimeoutException) {
            return PreloadFailures.reason(PreloadFailures.TIMEOUT, "deadline passed: " + cause.getMessage());
        }
        if (cause instanceof InterruptedException) {
            return PreloadFailures.reason(PreloadFailures.STORE_ERROR, "interrupted while waiting for the store");
        }
        return PreloadFailures.reason(
                PreloadFailures.STORE_ERROR, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
