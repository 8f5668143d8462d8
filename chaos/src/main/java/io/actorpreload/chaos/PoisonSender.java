package io.actorpreload.chaos;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends the single records of the poison faults, each waited for: an oversized start request, raw
 * garbage on the manifest topic, and a good request for an actor whose handler always throws.
 * Its producers accept records up to 4 MiB (the broker takes up to 8 MiB). Not thread-safe.
 */
final class PoisonSender implements AutoCloseable {
    /** The oversized request's input: with it, the request is about 2.5 MB. */
    static final int OVERSIZED_INPUT_BYTES = 2_500_000;

    private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    private final KafkaProducer<String, ActorStartRequested> requests;
    private final KafkaProducer<String, byte[]> raw;

    PoisonSender(String bootstrapServers, String registryUrl) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_REQUEST_BYTES);
        requests = new KafkaProducer<>(config, new StringSerializer(), serde.serializer());
        raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** A start request for {@code actorId} whose input makes it about 2.5 MB: too large for any command. */
    void sendOversized(String actorId) throws Exception {
        byte[] input = new byte[OVERSIZED_INPUT_BYTES];
        java.util.Arrays.fill(input, (byte) 'x');
        send(request(actorId, ChaosRun.runnerId(1))
                .setInput(ByteBuffer.wrap(input))
                .build());
    }

    /** A good start request outside the steady stream (generation 1). */
    void sendGood(String actorId, String runnerId) throws Exception {
        send(request(actorId, runnerId).build());
    }

    /** Raw bytes that are no manifest, under the manifest key of {@code actorType}. */
    void sendGarbageManifest(String actorType) throws Exception {
        byte[] garbage = "this is not a PreloadManifest".getBytes(StandardCharsets.UTF_8);
        raw.send(new ProducerRecord<>(PipelineTopics.MANIFESTS, actorType, garbage))
                .get(60, TimeUnit.SECONDS);
    }

    private void send(ActorStartRequested request) throws Exception {
        requests.send(new ProducerRecord<>(
                        PipelineTopics.START_REQUESTS, request.getActorId().toString(), request))
                .get(60, TimeUnit.SECONDS);
    }

    private static ActorStartRequested.Builder request(String actorId, String runnerId) {
        return ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("chaos")
                .setActorName("chat-room")
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.now());
    }

    @Override
    public void close() {
        requests.close();
        raw.close();
    }
}
