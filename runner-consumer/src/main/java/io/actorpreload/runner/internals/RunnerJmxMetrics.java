package io.actorpreload.runner.internals;

import io.actorpreload.schemas.contract.PreloadFailures;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

/**
 * A runner's counters registered the way Kafka's clients register theirs (Kafka {@link Metrics} with a
 * {@link JmxReporter}), beside its consumer's own: JMX domain {@value #DOMAIN}, group {@value #GROUP}
 * tagged {@code runner-id}, and per actor type group {@value #ACTOR_TYPE_GROUP} tagged {@code runner-id}
 * and {@code actor-type}, for at most {@value #MAX_ACTOR_TYPES} types (the first seen), so a runner
 * starting many types cannot flood a metrics system. Each metric reads the counters when it is read.
 * Thread-safe; {@link #close()} unregisters them.
 */
public final class RunnerJmxMetrics implements AutoCloseable {
    public static final String DOMAIN = "actor.preload.runner";
    public static final String GROUP = "runner-metrics";
    public static final String ACTOR_TYPE_GROUP = "runner-actor-type-metrics";
    public static final int MAX_ACTOR_TYPES = 100;

    private final Metrics metrics;
    private final String runnerId;
    private final RunnerCounters counters;
    private final Set<String> actorTypes = ConcurrentHashMap.newKeySet();

    private RunnerJmxMetrics(Metrics metrics, String runnerId, RunnerCounters counters) {
        this.metrics = metrics;
        this.runnerId = runnerId;
        this.counters = counters;
    }

    /** Registers {@code counters} of runner {@code runnerId} in JMX. */
    public static RunnerJmxMetrics register(String runnerId, RunnerCounters counters) {
        Metrics metrics = new Metrics(
                new MetricConfig(), List.of(new JmxReporter()), Time.SYSTEM, new KafkaMetricsContext(DOMAIN));
        RunnerJmxMetrics jmx = new RunnerJmxMetrics(metrics, runnerId, counters);
        jmx.counter("commands-handled-total", "start commands handed to the handler", RunnerCounters::commandsHandled);
        jmx.counter("redeliveries-skipped-total", "redelivered commands skipped", RunnerCounters::redeliveriesSkipped);
        jmx.counter(
                "schema-retries-total",
                "retries of a command whose schema could not be fetched",
                RunnerCounters::schemaRetries);
        jmx.counter("handler-failures-total", "handler calls that threw", RunnerCounters::handlerFailures);
        jmx.counter("dead-lettered-total", "commands written to the dead-letter topic", RunnerCounters::deadLettered);
        jmx.counter(
                "stale-preloads-dropped-total",
                "preloads dropped as older than the max preload age",
                RunnerCounters::stalePreloadsDropped);
        jmx.counter("offset-commits-total", "offset commits sent", RunnerCounters::offsetCommits);
        jmx.counter("startup-reports-sent-total", "start-up reports sent", RunnerCounters::startupReportsSent);
        jmx.counter(
                "startup-reports-dropped-total",
                "start-up reports dropped (buffer full)",
                RunnerCounters::startupReportsDropped);
        for (String kind : PreloadFailures.COUNTED_KINDS) {
            jmx.gauge(
                    GROUP,
                    "preload-failures-total",
                    "commands without preload, by the topology's failure kind",
                    Map.of("runner-id", runnerId, "kind", kind),
                    () -> counters.preloadFailures().getOrDefault(kind, 0L));
        }
        return jmx;
    }

    /** Registers the metrics of {@code actorType} the first time it starts, within the bound; cheap otherwise. */
    public void actorTypeStarted(String actorType) {
        if (actorTypes.contains(actorType) || actorTypes.size() >= MAX_ACTOR_TYPES || !actorTypes.add(actorType)) {
            return;
        }
        Map<String, String> tags = Map.of("runner-id", runnerId, "actor-type", actorType);
        gauge(
                ACTOR_TYPE_GROUP,
                "starts-total",
                "starts of this type",
                tags,
                () -> counters.actorType(actorType).starts());
        gauge(
                ACTOR_TYPE_GROUP,
                "read-round-trips-total",
                "KV round trips its start-ups' reads made",
                tags,
                () -> counters.actorType(actorType).readRoundTrips());
        gauge(
                ACTOR_TYPE_GROUP,
                "preloaded-bytes-total",
                "bytes its start commands preloaded",
                tags,
                () -> counters.actorType(actorType).preloadedBytes());
        gauge(
                ACTOR_TYPE_GROUP,
                "unused-preloaded-bytes-total",
                "preloaded bytes no start-up read touched",
                tags,
                () -> counters.actorType(actorType).unusedPreloadedBytes());
    }

    @Override
    public void close() {
        metrics.close();
    }

    private void counter(String name, String description, ToLongFunction<RunnerCounters> read) {
        gauge(GROUP, name, description, Map.of("runner-id", runnerId), () -> read.applyAsLong(counters));
    }

    private void gauge(
            String group,
            String name,
            String description,
            Map<String, String> tags,
            java.util.function.LongSupplier read) {
        MetricName metricName = metrics.metricName(name, group, description, tags);
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> read.getAsLong());
    }
}
