package io.actorpreload.topology.internals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a start request whose processing failed to the dead letters, with the source record's
 * original bytes, and goes on with the next record, so one record never stops a stream thread.
 * An {@link UnroutableRequestException} is expected bad input and logged in one line; anything
 * else is a bug and logged with its stack trace. Configured by Kafka Streams; one instance per
 * stream thread. Records of other topics (the manifests, on the global thread) are skipped, not
 * dead-lettered.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.fromConfigs(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception error) {
        if (!deadLetters.isDeadLettered(context.topic())) {
            LOG.error("Processing record {}-{}@{} failed; skipped", context.topic(), context.partition(),
                    context.offset(), error);
            return Response.resume();
        }
        if (error instanceof UnroutableRequestException) {
            LOG.warn("Start request {}-{}@{} sent to {}: {}", context.topic(), context.partition(), context.offset(),
                    deadLetters.deadLetterTopic(), error.getMessage());
        } else {
            LOG.error("Processing start request {}-{}@{} failed; sent to {}", context.topic(), context.partition(),
                    context.offset(), deadLetters.deadLetterTopic(), error);
        }
        return Response.resume(List.of(
                deadLetters.build(context.sourceRawKey(), context.sourceRawValue(), context, error)));
    }
}
