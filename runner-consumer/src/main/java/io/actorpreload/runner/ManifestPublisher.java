package io.actorpreload.runner;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.manifest.InvalidManifestException;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the {@link PreloadManifest}s of a runner's actor types to the compacted manifests topic
 * (default {@link PipelineTopics#MANIFESTS}), keyed by actor name, so the preload processor knows what to read.
 *
 * <p>Every manifest is validated with {@link ManifestValidation#validate} against the global budget
 * first: an invalid one is refused with an {@link InvalidManifestException} naming the field, and
 * nothing is sent. {@link #publish} and {@link #withdraw} block until the broker acknowledged the
 * write (or the send timeout passed). The topic itself is not created here: it belongs to the
 * preload pipeline, which creates it compacted.
 *
 * <p>Thread-safe. {@link #close()} closes the producer.
 */
public final class ManifestPublisher implements AutoCloseable {
    private final Producer<String, PreloadManifest> producer;
    private final String topic;
    private final long globalBudgetBytes;
    private final Duration sendTimeout;

    private ManifestPublisher(
            Producer<String, PreloadManifest> producer, String topic, long globalBudgetBytes, Duration sendTimeout) {
        this.producer = producer;
        this.topic = topic;
        this.globalBudgetBytes = globalBudgetBytes;
        this.sendTimeout = sendTimeout;
    }

    /**
     * A publisher to the cluster at {@code bootstrapServers} with schemas in the registry at
     * {@code schemaRegistryUrl}, to the default topic, with the default global budget and a 30 s
     * send timeout.
     */
    public static ManifestPublisher create(String bootstrapServers, String schemaRegistryUrl) {
        return create(
                bootstrapServers,
                schemaRegistryUrl,
                PipelineTopics.MANIFESTS,
                ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES,
                Duration.ofSeconds(30),
                Map.of());
    }

    /**
     * A publisher with every setting given.
     *
     * @param globalBudgetBytes the preload pipeline's global budget; no manifest may ask for more
     * @param clientProperties  extra producer and serde settings (security, etc.); the publisher's own win
     */
    public static ManifestPublisher create(
            String bootstrapServers,
            String schemaRegistryUrl,
            String topic,
            long globalBudgetBytes,
            Duration sendTimeout,
            Map<String, ?> clientProperties) {
        Objects.requireNonNull(topic, "topic");
        if (globalBudgetBytes < 0) {
            throw new IllegalArgumentException("globalBudgetBytes must not be negative. Got: " + globalBudgetBytes);
        }
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
                Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl"));
        SpecificAvroSerde<PreloadManifest> serde = new SpecificAvroSerde<>(PreloadManifest.class);
        serde.configure(props, false);
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, sendTimeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(sendTimeout.toMillis(), 1000));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(sendTimeout.toMillis(), 30_000));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Producer<String, PreloadManifest> producer =
                new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
        return new ManifestPublisher(producer, topic, globalBudgetBytes, sendTimeout);
    }

    /**
     * Validates {@code manifest} and publishes it under its actor name, replacing the previous one.
     *
     * @throws InvalidManifestException when it breaks a rule; nothing was sent
     * @throws KafkaException when the broker did not acknowledge it in time
     */
    public void publish(PreloadManifest manifest) {
        Objects.requireNonNull(manifest, "manifest");
        ManifestValidation.validate(manifest, globalBudgetBytes);
        send(new ProducerRecord<>(topic, String.valueOf(manifest.getActorName()), manifest));
    }

    /** Removes the manifest of {@code actorName} (a tombstone): its actors start without preload. */
    public void withdraw(String actorName) {
        send(new ProducerRecord<>(topic, Objects.requireNonNull(actorName, "actorName"), null));
    }

    private void send(ProducerRecord<String, PreloadManifest> record) {
        try {
            producer.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "Publishing the manifest of " + record.key() + " to " + topic + " failed: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException(
                    "Publishing the manifest of " + record.key() + " to " + topic + " was not acknowledged within "
                            + sendTimeout + ": is the broker reachable?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing the manifest of " + record.key(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
