package io.actorpreload.topology.internals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence when a command the processor judged deliverable is refused anyway
 * (its runner topic deleted since it was checked, a broker limit lower than the topic reported):
 * the start request goes to the dead letters and processing goes on. Any other send error keeps
 * Kafka Streams' default behaviour.
 *
 * <p>A dead letter itself is never dead-lettered again. One refused as too large (the dead-letter
 * topic's limit lowered since the application started) lowers the {@link DeadLetterLimit}, so
 * that it and every later one is cut to fit:
 * <ul>
 *   <li>under exactly-once the refused send has already doomed the transaction (a transactional
 *       producer aborts after any failed send), so the task fails: the stream thread is replaced,
 *       the request read again and its dead letter, cut to the lowered limit, written then;</li>
 *   <li>under at-least-once the dead letter is written again at once, cut.</li>
 * </ul>
 * Either way the partition moves on instead of failing on that record forever. Configured by
 * Kafka Streams; one instance per task.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterRecords deadLetters;
    private boolean exactlyOnce;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.fromConfigs(configs);
        Object guarantee = configs.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        exactlyOnce = guarantee != null && !StreamsConfig.AT_LEAST_ONCE.equals(guarantee.toString());
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
        if (deadLetters.deadLetterTopic().equals(record.topic())) {
            return deadLetterFailed(record, error);
        }
        boolean refusedForThisRecord = error instanceof RecordTooLargeException
                || error instanceof InvalidTopicException
                || error instanceof UnknownTopicOrPartitionException;
        if (!refusedForThisRecord || context.sourceRawValue() == null) {
            return error instanceof RetriableException ? Response.retry() : Response.fail();
        }
        LOG.warn(
                "Command for {} refused by the broker ({}); start request {}-{}@{} sent to {}",
                record.topic(),
                error.toString(),
                context.topic(),
                context.partition(),
                context.offset(),
                deadLetters.deadLetterTopic());
        return Response.resume(
                List.of(deadLetters.build(context.sourceRawKey(), context.sourceRawValue(), context, error)));
    }

    private Response deadLetterFailed(ProducerRecord<byte[], byte[]> deadLetter, Exception error) {
        if (!(error instanceof RecordTooLargeException)) {
            LOG.error("A dead letter could not be written to {}: {}", deadLetters.deadLetterTopic(), error.toString());
            return error instanceof RetriableException ? Response.retry() : Response.fail();
        }
        int refusedBytes = DeadLetterRecords.sizeOf(deadLetter.key(), deadLetter.value(), deadLetter.headers());
        ProducerRecord<byte[], byte[]> smaller = deadLetters.refused(deadLetter);
        if (DeadLetterRecords.sizeOf(smaller.key(), smaller.value(), smaller.headers()) >= refusedBytes) {
            LOG.error(
                    "A dead letter of about {} bytes was refused as too large ({}) and cannot be cut further: "
                            + "raise max.message.bytes of {}.",
                    refusedBytes,
                    error.getMessage(),
                    deadLetters.deadLetterTopic());
            return Response.fail();
        }
        LOG.error(
                "A dead letter of about {} bytes was refused as too large ({}); dead letters are cut to {} bytes from "
                        + "now on and this one is written again{}. Raise max.message.bytes of {} to keep whole dead letters.",
                refusedBytes,
                error.getMessage(),
                deadLetters.maxRecordBytes(),
                exactlyOnce ? " when its request is read again (the refusal aborted the transaction)" : "",
                deadLetters.deadLetterTopic());
        return exactlyOnce ? Response.fail() : Response.resume(List.of(smaller));
    }
}
