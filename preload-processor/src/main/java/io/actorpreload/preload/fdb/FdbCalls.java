package io.actorpreload.preload.fdb;

import com.apple.foundationdb.FDBException;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreTimeoutException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one place where calls into fdb-java become futures that fail instead of throwing. fdb-java
 * throws synchronously in several cases: {@code IllegalStateException} ("Cannot access closed
 * object") for a closed database or a finished transaction, {@code FDBException} for an option it
 * refuses (a negative timeout). The store SPI promises futures, so every call into fdb-java from
 * the driver goes through {@link #call} (inside a transaction attempt) or {@link #operation} (a
 * whole SPI operation), never through a try/catch of its own.
 *
 * <p>Once the store is closed, both refuse before calling fdb-java, with a {@link StoreException}
 * saying the store is closed; a call that races the close and fails in fdb-java fails the same
 * way. Thread-safe; holds no state of its own.
 */
final class FdbCalls {
    /** FoundationDB's error code for a transaction that passed its timeout option. */
    static final int TRANSACTION_TIMED_OUT = 1031;

    private final String where;
    private final BooleanSupplier closed;

    /**
     * @param where  the cluster, for messages ("cluster file /etc/foundationdb/fdb.cluster")
     * @param closed whether the store has been closed
     */
    FdbCalls(String where, BooleanSupplier closed) {
        this.where = Objects.requireNonNull(where, "where");
        this.closed = Objects.requireNonNull(closed, "closed");
    }

    /**
     * One call into fdb-java inside a transaction attempt ({@code call} must hold nothing but
     * fdb-java calls and plain bookkeeping, never a caller's code). An {@link FDBException} stays as
     * it is, so fdb-java's retry loop can still retry a retryable error; anything else fdb-java
     * throws or fails with becomes a {@link StoreException} naming {@code what}.
     */
    <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> call) {
        return guarded(call, thrown -> fromFdbJava(what, thrown), failure -> fromFdbJava(what, failure));
    }

    /**
     * One SPI operation as its callers see it ({@code call} usually runs fdb-java's retry loop around
     * a caller's work). Refused once closed; a synchronous throw becomes a failed future; FoundationDB
     * errors become {@link StoreTimeoutException} (code {@value #TRANSACTION_TIMED_OUT}) or
     * {@link StoreException}, with the code in the message; other failures, the caller's own, pass
     * unchanged.
     */
    <T> CompletableFuture<T> operation(String what, Supplier<CompletableFuture<T>> call) {
        // Only fdb-java runs synchronously in call: the caller's work runs inside the retry loop,
        // which turns its exceptions into failures. So what is thrown here is fdb-java's.
        return guarded(call, thrown -> forCaller(what, fromFdbJava(what, thrown)), failure -> forCaller(what, failure));
    }

    private <T> CompletableFuture<T> guarded(
            Supplier<CompletableFuture<T>> call, UnaryOperator<Throwable> ifThrown, UnaryOperator<Throwable> ifFailed) {
        if (closed.getAsBoolean()) {
            return CompletableFuture.failedFuture(closedException(null));
        }
        CompletableFuture<T> future;
        try {
            future = Objects.requireNonNull(call.get(), "fdb-java returned no future");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ifThrown.apply(e));
        }
        return future.handle((value, failure) -> failure == null
                        ? CompletableFuture.completedFuture(value)
                        : CompletableFuture.<T>failedFuture(ifFailed.apply(unwrap(failure))))
                .thenCompose(Function.identity());
    }

    /** The store's answer to an operation after {@link FdbPreloadStore#close()}. */
    StoreException closedException(Throwable cause) {
        return new StoreException(
                "The FoundationDB store on " + where + " is closed; open a new FdbPreloadStore"
                        + " to use the cluster again",
                cause);
    }

    /** An exception of fdb-java: FDBException unchanged (for the retry loop), anything else a StoreException. */
    private Throwable fromFdbJava(String what, Throwable e) {
        if (e instanceof FDBException || e instanceof StoreException) {
            return e;
        }
        if (closed.getAsBoolean()) {
            return closedException(e);
        }
        return new StoreException("FoundationDB " + what + " on " + where + " failed in the client: " + e, e);
    }

    /** What the SPI's caller gets: FoundationDB errors as StoreException, the caller's own failures as they were. */
    private Throwable forCaller(String what, Throwable failure) {
        if (!(failure instanceof FDBException fdbException)) {
            return failure;
        }
        if (closed.getAsBoolean()) {
            return closedException(fdbException);
        }
        String message = "FoundationDB " + what + " on " + where + " failed: " + fdbException.getMessage() + " (code "
                + fdbException.getCode() + ")";
        return fdbException.getCode() == TRANSACTION_TIMED_OUT
                ? new StoreTimeoutException(message, fdbException)
                : new StoreException(message, fdbException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
