package io.actorpreload.topology.internals;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the topology chooses by measurement (docs/BENCHMARKS.md) when the
 * configuration does not give them. Each is applied only if absent under every name Streams reads
 * it from (plain, {@code producer.}-, {@code consumer.}- or {@code restore.consumer.}-prefixed), so an
 * operator's value always wins. Stateless.
 */
public final class StreamsDefaults {
    /**
     * The producer's {@code batch.size}: 1 MiB instead of Kafka's 16 KiB, at most the runner topics'
     * {@code max.message.bytes} (a batch is one message to the broker). A start command with a
     * preload is usually 16 KiB or more, so at the default every command goes in a batch of its own;
     * a produce request carries one batch per partition, so a runner's partition gets one command per
     * request, with at most five requests in flight (idempotence). A batch is allocated at this size for each
     * partition being written, from {@code buffer.memory} (32 MiB): when that runs out, a send waits
     * while the producer sends its open batches at once (they count as ready when memory is short),
     * so many runner topics cost batching and a short wait, not a stall of a linger's length.
     */
    public static final int PRODUCER_BATCH_SIZE_BYTES = 1024 * 1024;

    /**
     * Kafka Streams' {@code commit.interval.ms}: 20 ms instead of the 100 ms Streams uses with
     * exactly-once. A runner reads {@code read_committed}, so a command becomes visible only when its
     * transaction commits: the interval sets most of a start's latency. Each commit is a transaction
     * (flush, offsets, commit markers): shorter intervals cost broker CPU and, where the broker is the
     * limit, throughput, and much shorter ones leave the broker behind, so latency grows again.
     * Give {@code streams.commit.interval.ms} to trade back. This is the synchronous
     * processor's ({@code preload.max.in.flight=1}) default; see {@link #PACED_COMMIT_INTERVAL_MS}.
     */
    public static final long COMMIT_INTERVAL_MS = 20;

    /**
     * Kafka Streams' {@code commit.interval.ms} when the asynchronous processor paces commits
     * ({@code CommitPacer}, from {@code commit.min.interval.ms}, default 20 ms): the longest time
     * between commits, and the interval a thread that is behind commits at: each exactly-once commit
     * stops the stream thread for its round trips, so a thread working through queued input gains
     * throughput from longer intervals (docs/BENCHMARKS.md, "store-topology").
     */
    public static final long PACED_COMMIT_INTERVAL_MS = 100;

    /**
     * The producer's {@code retry.backoff.ms}: 10 ms instead of Kafka's 100 ms. A commit soon after
     * the one before finds the transaction coordinator still writing that one's commit markers, and
     * the offsets of the new transaction ({@code AddOffsetsToTxn}) are refused with
     * {@code CONCURRENT_TRANSACTIONS} and retried after this backoff (Kafka lowered it for
     * {@code AddPartitionsToTxn} only, KAFKA-5477). With commits paced 20 ms apart (the default) that
     * happens often, and each time the stream thread waits out the whole backoff in
     * {@code sendOffsetsToTransaction}, holding back every request behind it. Only
     * the producer's backoff changes; other retries of the producer back off exponentially from it.
     */
    public static final long PRODUCER_RETRY_BACKOFF_MS = 10;

    /**
     * The restore consumer's {@code fetch.max.wait.ms}: 50 ms instead of Kafka's 500 ms. A restarted
     * instance restores its in-flight store before it processes anything, and the fetch that finds a
     * changelog partition caught up waited the broker's whole wait for records that never come.
     */
    public static final int RESTORE_FETCH_MAX_WAIT_MS = 50;

    private StreamsDefaults() {}

    /**
     * Adds the defaults that {@code props} (the Streams properties, without the {@code streams.}
     * prefix) lacks.
     *
     * @param runnerTopicMaxMessageBytes the runner topics' {@code max.message.bytes} as configured
     * @param commitsPaced               whether the processor asks for commits itself (above one preload in flight)
     */
    public static void applyTo(Properties props, int runnerTopicMaxMessageBytes, boolean commitsPaced) {
        String prefixedBatchSize = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
        if (!props.containsKey(prefixedBatchSize) && !props.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
            props.put(prefixedBatchSize, Math.min(PRODUCER_BATCH_SIZE_BYTES, runnerTopicMaxMessageBytes));
        }
        String prefixedBackoff = StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);
        if (!props.containsKey(prefixedBackoff) && !props.containsKey(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)) {
            props.put(prefixedBackoff, PRODUCER_RETRY_BACKOFF_MS);
        }
        props.putIfAbsent(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitsPaced ? PACED_COMMIT_INTERVAL_MS : COMMIT_INTERVAL_MS);
        String restoreWait = StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        if (!props.containsKey(restoreWait)
                && !props.containsKey(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG))
                && !props.containsKey(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)) {
            props.put(restoreWait, RESTORE_FETCH_MAX_WAIT_MS);
        }
    }
}
