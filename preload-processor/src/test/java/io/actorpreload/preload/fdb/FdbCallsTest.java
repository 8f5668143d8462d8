package io.actorpreload.preload.fdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.apple.foundationdb.FDBException;
import io.actorpreload.preload.store.StoreException;
import io.actorpreload.preload.store.StoreTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The helper every fdb-java call of the driver goes through, without FoundationDB: the calls are
 * plain suppliers that throw or fail with what fdb-java throws or fails with (the live run's
 * {@code IllegalStateException: Cannot access closed object}, {@code FDBException} codes). The
 * driver itself is covered by the store contract when a cluster is configured.
 */
class FdbCallsTest {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FdbCalls calls = new FdbCalls("cluster file /tmp/test.cluster", closed::get);

    @Test
    void shouldTurnASynchronousThrowOfTheClientIntoAFailedFuture() {
        Throwable failure = failureOf(calls.call("range read", () -> {
            throw new IllegalStateException("Cannot access closed object");
        }));

        assertThat(failure)
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("FoundationDB range read on cluster file /tmp/test.cluster failed in the client")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseEveryCallOnceClosedWithoutCallingTheClient() {
        closed.set(true);
        AtomicInteger clientCalls = new AtomicInteger();

        Throwable inAttempt = failureOf(calls.call("range read", () -> {
            clientCalls.incrementAndGet();
            return CompletableFuture.completedFuture(1);
        }));
        Throwable operation = failureOf(calls.operation("snapshot read", () -> {
            clientCalls.incrementAndGet();
            return CompletableFuture.completedFuture(1);
        }));

        assertThat(clientCalls).hasValue(0);
        for (Throwable failure : new Throwable[] {inAttempt, operation}) {
            assertThat(failure)
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("The FoundationDB store on cluster file /tmp/test.cluster is closed");
        }
    }

    @Test
    void shouldSayClosedWhenAnOperationRacesTheClose() {
        // What readSnapshot met live: the store was open at the check, closed by the time
        // db.readAsync ran, and fdb-java threw instead of returning a future.
        Throwable failure = failureOf(calls.operation("snapshot read", () -> {
            closed.set(true);
            throw new IllegalStateException("Cannot access closed object");
        }));

        assertThat(failure)
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("is closed")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSayClosedWhenATransactionFailsAfterTheClose() {
        CompletableFuture<Integer> pending = new CompletableFuture<>();
        CompletableFuture<Integer> operation = calls.operation("range read", () -> pending);
        closed.set(true);
        pending.completeExceptionally(new FDBException("Operation issued while a commit was outstanding", 2017));

        assertThat(failureOf(operation))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("is closed")
                .hasCauseInstanceOf(FDBException.class);
    }

    @Test
    void shouldKeepFoundationDbErrorsAsTheyAreInsideAnAttemptSoTheRetryLoopSeesThem() {
        FDBException notCommitted = new FDBException("Transaction not committed due to conflict", 1020);
        FDBException badOption = new FDBException("Option set with an invalid value", 2006);

        assertThat(failureOf(calls.call("snapshot read", () -> CompletableFuture.failedFuture(notCommitted))))
                .isSameAs(notCommitted);
        assertThat(failureOf(calls.call("snapshot read", () -> {
                    throw badOption;
                })))
                .isSameAs(badOption);
    }

    @Test
    void shouldGiveTheCallerFoundationDbErrorsAsStoreExceptionsWithTheirCode() {
        Throwable timedOut = failureOf(calls.operation(
                "snapshot read",
                () -> CompletableFuture.failedFuture(new CompletionException(
                        new FDBException("Operation aborted because the transaction timed out", 1031)))));
        Throwable badOption = failureOf(calls.operation("write of 2 mutations", () -> {
            throw new FDBException("Option set with an invalid value", 2006);
        }));

        assertThat(timedOut)
                .isExactlyInstanceOf(StoreTimeoutException.class)
                .hasMessageContaining("FoundationDB snapshot read on cluster file /tmp/test.cluster failed")
                .hasMessageContaining("(code 1031)");
        assertThat(badOption).isExactlyInstanceOf(StoreException.class).hasMessageContaining("(code 2006)");
    }

    @Test
    void shouldPassTheCallersOwnFailuresAndStoreExceptionsUnchanged() {
        IllegalArgumentException callersBug = new IllegalArgumentException("the work function failed");
        StoreTimeoutException deadline = new StoreTimeoutException("The read deadline passed");

        assertThat(failureOf(calls.operation("snapshot read", () -> CompletableFuture.failedFuture(callersBug))))
                .isSameAs(callersBug);
        assertThat(failureOf(calls.call("snapshot read", () -> CompletableFuture.failedFuture(deadline))))
                .isSameAs(deadline);
        assertThat(failureOf(calls.operation("snapshot read", () -> CompletableFuture.failedFuture(deadline))))
                .isSameAs(deadline);
    }

    @Test
    void shouldTurnOtherFailuresOfTheClientInsideAnAttemptIntoStoreExceptions() {
        Throwable failure = failureOf(calls.call(
                "range read",
                () -> CompletableFuture.failedFuture(new IllegalStateException("Cannot access closed object"))));

        assertThat(failure).isExactlyInstanceOf(StoreException.class).hasMessageContaining("range read");
    }

    @Test
    void shouldPassValuesThrough() {
        assertThat(calls.call("read-version request", () -> CompletableFuture.completedFuture(42L))
                        .join())
                .isEqualTo(42L);
        assertThat(calls.operation("snapshot read", () -> CompletableFuture.completedFuture("rows"))
                        .join())
                .isEqualTo("rows");
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(future::join);
        assertThat(thrown)
                .as("the future fails (a join throws CompletionException)")
                .isInstanceOf(CompletionException.class);
        return thrown.getCause();
    }
}
