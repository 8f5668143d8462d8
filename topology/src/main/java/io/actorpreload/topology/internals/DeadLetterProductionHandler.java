package io.actorpreload.topology.internals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence when a command the processor judged deliverable is refused anyway
 * (its runner topic deleted since it was checked, a broker limit lower than the topic reported):
 * the start request goes to the dead letters and processing goes on. Any other send error keeps
 * Kafka Streams' default behaviour. A failing dead letter itself is never dead-lettered again.
 * Configured by Kafka Streams; one instance per stream thread.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.fromConfigs(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception error) {
        boolean refusedForThisRecord = error instanceof RecordTooLargeException
                || error instanceof InvalidTopicException
                || error instanceof UnknownTopicOrPartitionException;
        if (!refusedForThisRecord || deadLetters.deadLetterTopic().equals(record.topic())
                || context.sourceRawValue() == null) {
            return error instanceof RetriableException ? Response.retry() : Response.fail();
        }
        LOG.warn("Command for {} refused by the broker ({}); start request {}-{}@{} sent to {}", record.topic(),
                error.toString(), context.topic(), context.partition(), context.offset(), deadLetters.deadLetterTopic());
        return Response.resume(List.of(
                deadLetters.build(context.sourceRawKey(), context.sourceRawValue(), context, error)));
    }
}
