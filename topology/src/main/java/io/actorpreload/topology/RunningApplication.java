package io.actorpreload.topology;

/**
 * A started Kafka Streams application of this module (the preload topology, the manifest learner),
 * as its command line runs it: until it is closed, or until Kafka Streams fails for good and it
 * closes itself. {@link #close()} is idempotent and thread-safe.
 */
public interface RunningApplication extends AutoCloseable {
    /** Blocks until {@link #close()} has finished. */
    void awaitClosed() throws InterruptedException;

    /** Whether Kafka Streams failed (rather than being closed). */
    boolean failed();

    @Override
    void close();
}
