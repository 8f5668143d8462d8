package io.actorpreload.preload.store;

import io.actorpreload.preload.layout.KeyLayout;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The store SPI: an ordered byte-key store holding actors' keys in {@link KeyLayout}'s layout.
 * Drivers only move bytes; layout, budget and decoding live above the SPI, written once, so every
 * driver stores and returns exactly the same bytes.
 *
 * <p>Thread-safe. Lifecycle: open through a driver's factory, {@link #close()} when done (again is
 * a no-op); every call after close completes exceptionally with a {@link StoreException} saying the
 * store is closed, and a call racing the close either completes or fails the same way, never with
 * another exception and never hanging. Failures are reported through the returned futures, never
 * thrown, except for programming errors (null arguments).
 */
public interface PreloadStore extends AutoCloseable {

    /** The layout this store's rows follow. */
    KeyLayout layout();

    /**
     * Runs {@code work} against one snapshot read transaction and completes with its result.
     * Every read of the {@link SnapshotReader} sees the same consistent version of the store.
     * A driver may run {@code work} more than once (a retry loop on retryable errors), each time
     * with a fresh reader, so {@code work} must keep its state inside the attempt.
     *
     * @param deadline reads after this instant fail with {@link StoreTimeoutException}
     * @param work issues reads; the reader is valid until the future it returns completes
     */
    <T> CompletableFuture<T> readSnapshot(Instant deadline, Function<SnapshotReader, CompletableFuture<T>> work);

    /**
     * Reads the latest committed state, each call on its own (no common snapshot): what a KV client
     * does one key at a time.
     */
    StoreReader latest();

    /**
     * Applies {@code mutations} atomically, in order (a later mutation wins over an earlier one).
     *
     * @param deadline the write fails with {@link StoreTimeoutException} when not committed by then
     */
    CompletableFuture<Void> write(List<Mutation> mutations, Instant deadline);

    /** Releases the store's resources. Idempotent. */
    @Override
    void close();
}
