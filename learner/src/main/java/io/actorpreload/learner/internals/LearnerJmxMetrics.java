package io.actorpreload.learner.internals;

import io.actorpreload.learner.ActorTypeLearning;
import io.actorpreload.learner.LearnerStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

/**
 * The learner's per-type figures ({@link ActorTypeLearning}) in JMX, registered the way Kafka's clients
 * register theirs: domain {@value #DOMAIN}, group {@value #GROUP}, tag {@code actor-type}, for at most
 * {@value #MAX_ACTOR_TYPES} types (the first seen). Each metric reads the status when it is read.
 * Thread-safe; {@link #close()} unregisters them.
 */
public final class LearnerJmxMetrics implements AutoCloseable {
    public static final String DOMAIN = "actor.preload.learner";
    public static final String GROUP = "learner-actor-type-metrics";
    public static final int MAX_ACTOR_TYPES = 100;

    private final Metrics metrics =
            new Metrics(new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM, new KafkaMetricsContext(DOMAIN));
    private final Set<String> types = ConcurrentHashMap.newKeySet();
    private volatile LearnerStatus status;

    /** The status whose types this registers; set once, before the first update. */
    public void watch(LearnerStatus status) {
        this.status = status;
    }

    /** Registers the metrics of {@code actorType}, within the bound; a {@link LearnerStatus} calls it for each new type. */
    public void typeSeen(String actorType) {
        if (types.size() >= MAX_ACTOR_TYPES || !types.add(actorType)) {
            return;
        }
        gauge(actorType, "starts-seen-total", "start-up reports seen", ActorTypeLearning::startsSeen);
        gauge(
                actorType,
                "round-trips-per-start",
                "KV round trips per start over the window",
                ActorTypeLearning::roundTripsPerStart);
        gauge(
                actorType,
                "preloaded-bytes-per-start",
                "bytes preloaded per start over the window",
                ActorTypeLearning::preloadedBytesPerStart);
        gauge(
                actorType,
                "unused-bytes-per-start",
                "preloaded bytes no read touched, per start over the window",
                ActorTypeLearning::unusedBytesPerStart);
        gauge(
                actorType,
                "version-in-force",
                "learned version of the manifest in force (0: declared or none)",
                ActorTypeLearning::versionInForce);
        gauge(
                actorType,
                "last-published-version",
                "the last learned version this learner published",
                ActorTypeLearning::lastPublished);
    }

    @Override
    public void close() {
        metrics.close();
    }

    private void gauge(String actorType, String name, String description, ToDoubleFunction<ActorTypeLearning> read) {
        metrics.addMetric(metrics.metricName(name, GROUP, description, Map.of("actor-type", actorType)), (Gauge<Double>)
                (config, now) -> {
                    LearnerStatus watched = status;
                    return watched == null
                            ? 0.0
                            : watched.of(actorType).map(read::applyAsDouble).orElse(0.0);
                });
    }
}
