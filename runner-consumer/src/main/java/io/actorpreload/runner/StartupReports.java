package io.actorpreload.runner;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.runner.internals.ReportBuffer;
import io.actorpreload.runner.internals.RunnerCounters;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes each actor start-up's {@link ActorStartReport} to the reports topic
 * ({@link RunnerConfig#startupReportsTopic()}), keyed by actor type, in Avro under the registry
 * like the commands. What a {@link RunnerClient} uses when {@link RunnerConfig#startupReports()}
 * is on; the manifest learner reads them (docs/ARCHITECTURE.md, "Learned manifests").
 *
 * <p>Guarantees: {@link #offer} never blocks and never throws, so no actor start waits for or fails
 * because of its report. Reports go through a bounded buffer to one sender thread, which sends them
 * in batches (the producer lingers to batch them further); what does not fit, and what the broker
 * or the registry refuses, is dropped and counted ({@link RunnerMetrics#startupReportsDropped()}).
 * Reports are statistics, sent at most once. Thread-safe; {@link #close()} sends what is queued and
 * closes the producer.
 */
final class StartupReports implements StartupReportSink, AutoCloseable {
    private static final int MAX_BATCH = 500;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, ActorStartReport> producer;
    private final ReportBuffer buffer;

    private StartupReports(
            Producer<String, ActorStartReport> producer,
            String topic,
            int capacity,
            RunnerCounters counters,
            String runnerId) {
        this.producer = producer;
        this.buffer = new ReportBuffer(
                capacity,
                MAX_BATCH,
                (batch, onSent, onDropped) -> send(topic, batch, onSent, onDropped),
                counters,
                "runner-" + runnerId + "-startup-reports");
    }

    /** The publisher of a runner with {@code config}, counting into {@code counters}. */
    static StartupReports start(RunnerConfig config, RunnerCounters counters) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, config.schemaRegistryUrl());
        SpecificAvroSerde<ActorStartReport> serde = new SpecificAvroSerde<>(ActorStartReport.class);
        serde.configure(props, false);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-startup-reports");
        // Statistics, not state, sent from a thread of their own: waiting for every in-sync replica delays
        // no start, and a report the broker acknowledged survives a leader's failover. No idempotence: a
        // report may be repeated, and no retry sequence may hold the sender long.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        // Only the sender thread ever blocks here, never an actor start.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        Producer<String, ActorStartReport> producer =
                new KafkaProducer<>(props, new StringSerializer(), serde.serializer());
        return new StartupReports(
                producer, config.startupReportsTopic(), config.startupReportsBuffer(), counters, config.runnerId());
    }

    private void send(String topic, List<ActorStartReport> batch, Runnable onSent, Runnable onDropped) {
        for (ActorStartReport report : batch) {
            try {
                producer.send(new ProducerRecord<>(topic, report.getActorName(), report), (metadata, error) -> {
                    if (error == null) {
                        onSent.run();
                    } else {
                        onDropped.run();
                    }
                });
            } catch (RuntimeException e) {
                // The registry could not be reached to serialize it, or the producer gave up waiting for metadata.
                onDropped.run();
            }
        }
    }

    /** Queues the report to be sent; drops and counts it when the buffer is full. Never blocks or throws. */
    @Override
    public void offer(ActorStartReport report) {
        buffer.offer(Objects.requireNonNull(report, "report"));
    }

    /** Sends what is queued, then closes the producer (waiting up to 5 s for its acknowledgements). */
    @Override
    public void close() {
        buffer.close();
        producer.close(CLOSE_TIMEOUT);
    }
}
