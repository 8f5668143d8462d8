package io.actorpreload.topology.internals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.Sensor.RecordingLevel;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * The asynchronous processor's depth gauge, beside {@link PreloadMetrics} (same group and tags):
 * {@code preload-in-flight-avg/-max}, the preloads started and not yet forwarded, sampled as each
 * one starts. One per processor instance, stream thread only; {@link #close()} removes it.
 */
final class InFlightMetrics implements AutoCloseable {
    /** The metric of the most preloads in flight. */
    static final String MAX = "preload-in-flight-max";

    private final StreamsMetrics metrics;
    private final Sensor depth;

    InFlightMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("thread-id", Thread.currentThread().getName());
        tags.put(PreloadMetrics.SCOPE + "-id", taskId);
        depth = metrics.addSensor(
                Thread.currentThread().getName() + "." + PreloadMetrics.SCOPE + "." + taskId + ".preload-in-flight",
                RecordingLevel.INFO);
        depth.add(
                new MetricName(
                        "preload-in-flight-avg",
                        PreloadMetrics.GROUP,
                        "average preloads in flight when one starts",
                        tags),
                new Avg());
        depth.add(new MetricName(MAX, PreloadMetrics.GROUP, "most preloads in flight", tags), new Max());
    }

    void inFlight(int preloads) {
        depth.record(preloads);
    }

    @Override
    public void close() {
        metrics.removeSensor(depth);
    }
}
