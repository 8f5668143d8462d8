package io.actorpreload.topology.internals;

import io.actorpreload.avro.PreloadStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The preload processor's sensors, registered in Kafka Streams' own metrics (group
 * {@value #GROUP}, tags {@code thread-id} and {@code actor-preload-id} = the task id), so they are
 * reported by {@code KafkaStreams#metrics()} and every configured metrics reporter:
 * <ul>
 *   <li>{@code preload-latency-avg/-max} (ms), {@code preload-rate}, {@code preload-total};</li>
 *   <li>{@code preload-bytes-avg/-max/-total}, {@code preload-entries-avg/-max/-total} per command sent;</li>
 *   <li>{@code status-<status>-rate/-total} for each {@link PreloadStatus} sent;</li>
 *   <li>{@code dead-letter-rate/-total}: start requests this processor sent to the dead letters
 *       (undecodable input is dead-lettered before it reaches the processor and counted by
 *       Kafka Streams' own task-level {@code dropped-records-total});</li>
 *   <li>{@code manifest-clamped-rate/-total}: preloads run with a manifest that asked more than the
 *       global budget and was clamped to it (docs/ARCHITECTURE.md, "The preload").</li>
 * </ul>
 * One instance per processor instance; used by its stream thread only; {@link #close()} removes the sensors.
 */
final class PreloadMetrics implements AutoCloseable {
    static final String SCOPE = "actor-preload";
    static final String GROUP = "stream-" + SCOPE + "-metrics";

    private final StreamsMetrics metrics;
    private final Sensor latency;
    private final Sensor bytes;
    private final Sensor entries;
    private final Sensor deadLetters;
    private final Sensor clamped;
    private final Map<PreloadStatus, Sensor> statuses = new EnumMap<>(PreloadStatus.class);

    PreloadMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.latency = metrics.addLatencyRateTotalSensor(SCOPE, taskId, "preload", RecordingLevel.INFO);
        this.deadLetters = metrics.addRateTotalSensor(SCOPE, taskId, "dead-letter", RecordingLevel.INFO);
        this.clamped = metrics.addRateTotalSensor(SCOPE, taskId, "manifest-clamped", RecordingLevel.INFO);
        for (PreloadStatus status : PreloadStatus.values()) {
            statuses.put(
                    status,
                    metrics.addRateTotalSensor(
                            SCOPE,
                            taskId,
                            "status-" + status.name().toLowerCase(java.util.Locale.ROOT),
                            RecordingLevel.INFO));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("thread-id", Thread.currentThread().getName());
        tags.put(SCOPE + "-id", taskId);
        this.bytes = distribution("preload-bytes", "bytes of preloaded entries per command", taskId, tags);
        this.entries = distribution("preload-entries", "preloaded entries per command", taskId, tags);
    }

    private Sensor distribution(String name, String description, String taskId, Map<String, String> tags) {
        Sensor sensor = metrics.addSensor(
                Thread.currentThread().getName() + "." + SCOPE + "." + taskId + "." + name, RecordingLevel.INFO);
        sensor.add(new MetricName(name + "-avg", GROUP, "average " + description, tags), new Avg());
        sensor.add(new MetricName(name + "-max", GROUP, "maximum " + description, tags), new Max());
        sensor.add(new MetricName(name + "-total", GROUP, "total " + description, tags), new CumulativeSum());
        return sensor;
    }

    void preloadLatency(long nanos) {
        latency.record(nanos / 1_000_000.0);
    }

    void commandSent(PreloadStatus status, long preloadBytes, int preloadEntries) {
        statuses.get(status).record();
        bytes.record(preloadBytes);
        entries.record(preloadEntries);
    }

    void deadLettered() {
        deadLetters.record();
    }

    void manifestClamped() {
        clamped.record();
    }

    @Override
    public void close() {
        metrics.removeSensor(latency);
        metrics.removeSensor(deadLetters);
        metrics.removeSensor(clamped);
        metrics.removeSensor(bytes);
        metrics.removeSensor(entries);
        statuses.values().forEach(metrics::removeSensor);
    }
}
