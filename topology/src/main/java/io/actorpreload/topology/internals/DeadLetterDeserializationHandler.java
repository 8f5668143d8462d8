package io.actorpreload.topology.internals;

import io.actorpreload.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an undecodable start request to the dead letters, original bytes and headers (cut to the
 * {@link DeadLetterLimit} if too large), and goes on with the next record. Records of other topics
 * are logged and skipped (the manifests are not among them: the global table reads their bytes,
 * which always decode, and {@link ManifestVerdicts} judges them). A record that could not be decoded because the schema
 * registry failed is not bad: the task fails, so the record is read again (a replaced stream
 * thread) instead of being dead-lettered or dropped during a registry outage. Configured by Kafka
 * Streams from the application's Streams properties; one instance per stream thread.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.fromConfigs(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception error) {
        if (error instanceof SchemaRegistryException registryFailure) {
            LOG.error(
                    "Cannot decode {}-{}@{} now: the schema registry failed ({}). Failing the task so the record "
                            + "is retried, not lost; check that the registry at schema.registry.url is up.",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    registryFailure.getMessage());
            return Response.fail();
        }
        if (!deadLetters.isDeadLettered(record.topic())) {
            LOG.warn(
                    "Skipping undecodable record {}-{}@{}: {}. Fix the producer of that topic.",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    error.toString());
            return Response.resume();
        }
        LOG.warn(
                "Undecodable start request {}-{}@{} sent to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                deadLetters.deadLetterTopic(),
                error.toString());
        return Response.resume(List.of(deadLetters.build(record.key(), record.value(), context, error)));
    }
}
