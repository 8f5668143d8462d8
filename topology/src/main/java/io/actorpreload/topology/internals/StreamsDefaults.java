package io.actorpreload.topology.internals;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the topology chooses by measurement (README, "Benchmarks") when the
 * configuration does not give them. Each is applied only if absent under every name Streams reads
 * it from (plain, {@code producer.}-prefixed), so an operator's value always wins. Stateless.
 */
public final class StreamsDefaults {
    /**
     * The producer's {@code batch.size}: 256 KiB instead of Kafka's 16 KiB. A start command with a
     * preload is usually at least 16 KiB, so at the default every command went in a batch of its own;
     * a produce request carries one batch per partition, so a runner's partition got one command
     * per request and at most five requests in flight (idempotence). Measured through the real
     * topology with 16 KiB commands (bin/bench store-topology): 1,025 → 2,085 commands/s with the
     * store at 0 ms, 2,208 → 3,104 at 2 ms; 64 KiB gave 1,608 and 3,075. A batch is allocated at this size per
     * partition being written, from {@code buffer.memory} (32 MiB): when that runs out the producer
     * sends the open batches at once rather than waiting, so many runner topics cost batching, not a stall.
     */
    public static final int PRODUCER_BATCH_SIZE_BYTES = 256 * 1024;

    private StreamsDefaults() {
    }

    /** Adds the defaults that {@code props} (the Streams properties, without the {@code streams.} prefix) lacks. */
    public static void applyTo(Properties props) {
        String prefixedBatchSize = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
        if (!props.containsKey(prefixedBatchSize) && !props.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            props.put(prefixedBatchSize, PRODUCER_BATCH_SIZE_BYTES);
        }
    }
}
