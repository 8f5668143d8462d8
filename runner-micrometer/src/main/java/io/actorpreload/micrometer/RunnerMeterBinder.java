package io.actorpreload.micrometer;

import io.actorpreload.runner.ActorTypeStartups;
import io.actorpreload.runner.RunnerClient;
import io.actorpreload.runner.RunnerMetrics;
import io.actorpreload.schemas.contract.PreloadFailures;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds a runner's {@link RunnerMetrics} to a Micrometer {@link MeterRegistry}, for runners that use
 * Micrometer: {@code new RunnerMeterBinder(runnerId, client.metrics()).bindTo(registry)}. Each counter is a
 * {@link FunctionCounter} named {@code actor.preload.runner.<name>} and tagged {@code runner.id} (and
 * {@code kind} for preload failures), read from the metrics when the registry reads it. Per actor type
 * counters are bound for the types started when {@link #bindTo} runs; bind again (or use the JMX view,
 * which follows new types) for types seen later. Stateless beyond its arguments.
 */
public final class RunnerMeterBinder implements MeterBinder {
    private final String runnerId;
    private final RunnerMetrics metrics;

    /** The binder of {@code metrics}, e.g. {@link RunnerClient#metrics()}, of runner {@code runnerId}. */
    public RunnerMeterBinder(String runnerId, RunnerMetrics metrics) {
        this.runnerId = Objects.requireNonNull(runnerId, "runnerId");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Tags tags = Tags.of("runner.id", runnerId);
        counter(
                registry,
                "commands.handled",
                "start commands handed to the handler",
                tags,
                RunnerMetrics::commandsHandled);
        counter(
                registry,
                "redeliveries.skipped",
                "redelivered commands skipped",
                tags,
                RunnerMetrics::redeliveriesSkipped);
        counter(
                registry,
                "schema.retries",
                "retries of a command whose schema could not be fetched",
                tags,
                RunnerMetrics::schemaRetries);
        counter(registry, "handler.failures", "handler calls that threw", tags, RunnerMetrics::handlerFailures);
        counter(
                registry,
                "dead.lettered",
                "commands written to the dead-letter topic",
                tags,
                RunnerMetrics::deadLettered);
        counter(
                registry,
                "stale.preloads.dropped",
                "preloads dropped as older than the max preload age",
                tags,
                RunnerMetrics::stalePreloadsDropped);
        counter(registry, "offset.commits", "offset commits sent", tags, RunnerMetrics::offsetCommits);
        counter(registry, "startup.reports.sent", "start-up reports sent", tags, RunnerMetrics::startupReportsSent);
        counter(
                registry,
                "startup.reports.dropped",
                "start-up reports dropped",
                tags,
                RunnerMetrics::startupReportsDropped);
        for (String kind : PreloadFailures.COUNTED_KINDS) {
            counter(
                    registry,
                    "preload.failures",
                    "commands without preload, by failure kind",
                    tags.and("kind", kind),
                    m -> m.preloadFailures().getOrDefault(kind, 0L));
        }
        metrics.actorTypes().keySet().forEach(type -> bindActorType(registry, tags.and("actor.type", type), type));
    }

    private void bindActorType(MeterRegistry registry, Tags tags, String type) {
        typeCounter(registry, "actor.type.starts", "starts of this type", tags, type, ActorTypeStartups::starts);
        typeCounter(
                registry,
                "actor.type.read.round.trips",
                "KV round trips its start-ups made",
                tags,
                type,
                ActorTypeStartups::readRoundTrips);
        typeCounter(
                registry,
                "actor.type.preloaded.bytes",
                "bytes its commands preloaded",
                tags,
                type,
                ActorTypeStartups::preloadedBytes);
        typeCounter(
                registry,
                "actor.type.unused.preloaded.bytes",
                "preloaded bytes no read touched",
                tags,
                type,
                ActorTypeStartups::unusedPreloadedBytes);
    }

    private void counter(
            MeterRegistry registry, String name, String description, Tags tags, ToLongFunction<RunnerMetrics> read) {
        FunctionCounter.builder("actor.preload.runner." + name, metrics, (ToDoubleFunction<RunnerMetrics>)
                        m -> read.applyAsLong(m))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    private void typeCounter(
            MeterRegistry registry,
            String name,
            String description,
            Tags tags,
            String type,
            ToLongFunction<ActorTypeStartups> read) {
        counter(registry, name, description, tags, m -> {
            ActorTypeStartups startups = m.actorTypes().get(type);
            return startups == null ? 0 : read.applyAsLong(startups);
        });
    }
}
