package io.actorpreload.topology.internals;

import io.actorpreload.schemas.registry.TransientFailures;
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
 * else is a bug and logged with its stack trace.
 *
 * <p>A {@linkplain TransientFailures transient} failure (the schema registry down while a command
 * is serialized, a runner topic whose existence could not be told) is not the request's fault: the
 * task fails instead, so the stream thread is replaced and the request read again from the last
 * committed offset; it is never dead-lettered. Only a permanent refusal (e.g. the registry's 409
 * incompatible) dead-letters.
 *
 * <p>Configured by Kafka Streams; one instance per stream thread. Records of other topics (the
 * manifests, on the global thread) are skipped, not dead-lettered.
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
            LOG.error(
                    "Processing record {}-{}@{} failed; skipped",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    error);
            return Response.resume();
        }
        if (TransientFailures.isTransient(error)) {
            LOG.error(
                    "Start request {}-{}@{} cannot be handled now: {}. Failing the task so that the request is "
                            + "read again once this passes; it is not dead-lettered.",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    error.getMessage());
            return Response.fail();
        }
        if (error instanceof UnroutableRequestException) {
            LOG.warn(
                    "Start request {}-{}@{} sent to {}: {}",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    deadLetters.deadLetterTopic(),
                    error.getMessage());
        } else {
            LOG.error(
                    "Processing start request {}-{}@{} failed; sent to {}",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    deadLetters.deadLetterTopic(),
                    error);
        }
        return Response.resume(
                List.of(deadLetters.build(context.sourceRawKey(), context.sourceRawValue(), context, error)));
    }
}
