package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.PreloadedKv;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.schemas.contract.PreloadFailures;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import io.actorpreload.topology.PreloadFunction;
import io.actorpreload.topology.RunnerTopics;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a start request and its manifest into a {@link StartActorCommand} on the request's runner
 * topic (docs/ARCHITECTURE.md, "The preload"). The first that applies decides the status: no
 * manifest → {@code NO_MANIFEST}; global budget 0 → {@code DISABLED}; a manifest that cannot be
 * decoded, is invalid or names another actor type (decided once per version by
 * {@link ManifestVerdicts}) → {@code INVALID_MANIFEST}; manifest budget 0 → {@code DISABLED};
 * otherwise the preload's own status, {@code STORE_ERROR} also when the preload function throws;
 * a command larger than its topic accepts loses its preload → {@code TOO_LARGE}.
 *
 * <p>A request that cannot be routed (illegal runner topic name, a runner topic the broker says
 * does not exist, too large even without preload) raises {@link UnroutableRequestException}: Kafka
 * Streams' processing-exception handler then dead-letters its original bytes. The topic check asks
 * {@link RunnerTopics}, which answers within about a second, so the producer never blocks on a
 * topic that does not exist; when it cannot tell, {@link RetryLaterException} makes the handler
 * fail the task so the request is read again. A registry failure while serializing the command
 * propagates to the handler, which retries a transient one the same way. One instance per task,
 * used by one stream thread.
 *
 * <p>This is the synchronous processor ({@code preload.max.in.flight=1}): it waits for each
 * preload. {@link AsyncPreloadProcessor} overlaps them and calls the same decisions
 * ({@link #route}, {@link #preloadAsync}, {@link #commandFor}), so both give the same commands.
 */
public final class PreloadCommandProcessor extends ContextualProcessor<String, JoinedRequest, String, RoutedCommand> {
    private static final Logger LOG = LoggerFactory.getLogger(PreloadCommandProcessor.class);
    /** Record and batch framing around a command's key and value, with a margin for headers. */
    static final int RECORD_OVERHEAD_BYTES = 512;
    /** A failure reason as long as {@link PreloadFailures#reason} makes one, in bytes: 3 per character at most. */
    private static final String LONGEST_FAILURE = "x".repeat(PreloadFailures.MAX_CHARS * 3);

    private static final int LONGEST_FAILURE_BYTES = LONGEST_FAILURE.getBytes(StandardCharsets.UTF_8).length;

    private final Settings settings;
    private Serializer<StartActorCommand> serializer;
    /** Topics a command was serialized for by this processor: their schema id is known. */
    private final Set<String> serializedFor = new HashSet<>();

    private PreloadMetrics metrics;

    /**
     * What every instance shares. Thread-safe parts only.
     *
     * @param topicNaming           names runner topics
     * @param runnerTopics          says which runner topics exist and their size limit
     * @param manifests             decides once per version whether a manifest can be used
     * @param preloadFunction       runs a preload
     * @param globalBudgetBytes     the global budget; 0 disables preloading
     * @param maxRequestSize        the producer's {@code max.request.size}
     * @param serializers           makes a new configured command serializer per processor
     */
    public record Settings(
            RunnerTopicNaming topicNaming,
            RunnerTopics runnerTopics,
            ManifestVerdicts manifests,
            PreloadFunction preloadFunction,
            long globalBudgetBytes,
            int maxRequestSize,
            Supplier<Serializer<StartActorCommand>> serializers) {}

    /** Package-private: {@link AsyncPreloadProcessor} keeps one for its decisions. */
    PreloadCommandProcessor(Settings settings) {
        this.settings = settings;
    }

    /** A supplier returning a new processor per {@code get()}. */
    public static ProcessorSupplier<String, JoinedRequest, String, RoutedCommand> supplier(Settings settings) {
        return () -> new PreloadCommandProcessor(settings);
    }

    @Override
    public void init(ProcessorContext<String, RoutedCommand> context) {
        super.init(context);
        serializer = settings.serializers().get();
        metrics = new PreloadMetrics(context.metrics(), context.taskId().toString());
    }

    @Override
    public void process(Record<String, JoinedRequest> record) {
        ActorStartRequested request = record.value().request();
        Route route = route(record.key(), request);
        PreloadOutcome outcome = decide(
                request, record.value().manifest(), Function.identity(), manifest -> preloadNow(manifest, request));
        context().forward(record.withValue(commandFor(record.key(), request, route, outcome)));
    }

    /** Where a request's command goes and how large it may be there. */
    record Route(String topic, int limit) {}

    /**
     * The runner topic of {@code request} and its size limit.
     *
     * @throws UnroutableRequestException when the request cannot be routed (dead-lettered)
     * @throws RetryLaterException when whether its topic exists cannot be told now
     */
    Route route(String key, ActorStartRequested request) {
        String topic = settings.topicNaming().commandTopicOf(request.getRunnerId());
        RunnerTopicNaming.illegalReason(topic)
                .ifPresent(reason -> refuse("runnerId '" + request.getRunnerId() + "' of actor " + request.getActorId()
                        + " gives no legal topic name: " + reason));
        RunnerTopics.Lookup lookup = settings.runnerTopics().lookup(topic);
        if (lookup instanceof RunnerTopics.Missing) {
            refuse("runner topic " + topic + " of actor " + request.getActorId()
                    + " does not exist (the runner has not registered?)");
        }
        if (lookup instanceof RunnerTopics.Unknown unknown) {
            throw new RetryLaterException("whether runner topic " + topic + " of actor " + request.getActorId()
                    + " exists cannot be told now (" + unknown.reason() + ")");
        }
        return new Route(topic, Math.min(((RunnerTopics.Exists) lookup).maxMessageBytes(), settings.maxRequestSize()));
    }

    /**
     * Refuses now a request whose command would not fit its topic even without preload, so that the
     * asynchronous processor dead-letters it while it is the record being processed. The status
     * does not change the size (an Avro enum index takes one byte); the failure reason may, so the
     * command is measured with the longest reason there can be: serialized the first time for its topic
     * (so a registry refusal of the schema dead-letters this record), then by {@link CommandSizeBound},
     * and serialized again only when that bound does not fit.
     *
     * @throws UnroutableRequestException when the command is too large even without preload
     */
    void requireFitsWithoutPreload(String key, ActorStartRequested request, Route route) {
        // The first command for a topic is serialized here, so that a registry refusal of its schema
        // dead-letters the record being processed; after that the serializer has its schema id.
        if (serializedFor.contains(route.topic())
                && fits(key, CommandSizeBound.withoutPreload(request, LONGEST_FAILURE_BYTES), route.limit())) {
            return; // fits even by the upper bound: nothing to serialize
        }
        byte[] value = serializer.serialize(
                route.topic(), commandOf(request, PreloadStatus.NO_MANIFEST, null, LONGEST_FAILURE));
        serializedFor.add(route.topic());
        if (!fits(key, value, route.limit())) {
            refuse("the command of actor " + request.getActorId() + " is " + value.length
                    + " bytes even without preload, more than " + route.topic() + " accepts (" + route.limit() + ")");
        }
    }

    /**
     * A preload started without waiting: its outcome (completes normally; null inside when there is
     * no usable manifest) and whether it reads the store (only those count in the preload latency).
     */
    record StartedPreload(CompletableFuture<PreloadOutcome> outcome, boolean readsStore) {}

    /** Starts the preload of {@code request} without waiting for the store. */
    StartedPreload preloadAsync(ActorStartRequested request, byte[] manifestBytes) {
        return decide(
                request,
                manifestBytes,
                outcome -> new StartedPreload(CompletableFuture.completedFuture(outcome), false),
                manifest -> {
                    CompletableFuture<PreloadOutcome> started;
                    try {
                        started = settings.preloadFunction().preloadAsync(request.getActorId(), manifest);
                    } catch (RuntimeException e) {
                        started = CompletableFuture.failedFuture(e);
                    }
                    // Runs on whichever thread completes the preload (a store thread): logging and a value only.
                    return new StartedPreload(
                            started.handle((outcome, failure) ->
                                    failure == null ? logged(request, outcome) : unexpected(request, failure)),
                            true);
                });
    }

    /**
     * The command for {@code request} given its preload's outcome (null: no usable manifest),
     * serialized for its topic; counted as sent.
     */
    RoutedCommand commandFor(String key, ActorStartRequested request, Route route, PreloadOutcome outcome) {
        String topic = route.topic();
        int limit = route.limit();
        StartActorCommand command = outcome == null
                ? commandOf(request, PreloadStatus.NO_MANIFEST, null, null)
                : commandOf(
                        request,
                        outcome.status(),
                        outcome.preloadedKv().orElse(null),
                        outcome.failure().orElse(null));
        byte[] value = serializer.serialize(topic, command);
        if (!fits(key, value, limit) && command.getPreloadedKv() != null) {
            LOG.warn(
                    "Command for actor {} is {} bytes, more than {} accepts ({}): sent without its preload (TOO_LARGE)",
                    request.getActorId(),
                    value.length,
                    topic,
                    limit);
            command = commandOf(
                    request,
                    PreloadStatus.TOO_LARGE,
                    null,
                    PreloadFailures.reason(
                            PreloadFailures.TOO_LARGE,
                            value.length + " bytes with the preload ("
                                    + command.getPreloadedKv().getTotalBytes() + " bytes of entries), more than "
                                    + topic + " accepts (" + limit + ")"));
            value = serializer.serialize(topic, command);
        }
        if (!fits(key, value, limit)) {
            refuse("the command of actor " + request.getActorId() + " is " + value.length
                    + " bytes even without preload, more than " + topic + " accepts (" + limit + ")");
        }
        PreloadedKv kv = command.getPreloadedKv();
        metrics.commandSent(
                command.getPreloadStatus(),
                kv == null ? 0 : kv.getTotalBytes(),
                kv == null ? 0 : kv.getEntries().size());
        return new RoutedCommand(topic, value);
    }

    /**
     * Records how long a preload that read the store took, as the stream thread saw it: from its
     * start until the stream thread found it done (for the asynchronous processor, when it forwards it).
     */
    void preloadTook(long nanos) {
        metrics.preloadLatency(nanos);
    }

    /**
     * The one place that decides a request's preload: {@code immediate} with the outcome decided
     * without the store (null when there is no usable manifest), or {@code viaStore} with the
     * manifest to preload.
     */
    private <T> T decide(
            ActorStartRequested request,
            byte[] manifestBytes,
            Function<PreloadOutcome, T> immediate,
            Function<PreloadManifest, T> viaStore) {
        String actorName = request.getActorName().toString();
        if (manifestBytes == null) {
            settings.manifests().forget(actorName);
            return immediate.apply(null);
        }
        if (settings.globalBudgetBytes() == 0) {
            return immediate.apply(PreloadOutcome.disabled());
        }
        ManifestVerdicts.Verdict verdict = settings.manifests().verdictOf(actorName, manifestBytes);
        if (verdict instanceof ManifestVerdicts.Unusable unusable) {
            // Logged once, when its version was first met.
            return immediate.apply(PreloadOutcome.invalidManifest(
                    PreloadFailures.reason(PreloadFailures.INVALID_MANIFEST, unusable.reason())));
        }
        ManifestVerdicts.Usable usable = (ManifestVerdicts.Usable) verdict;
        if (usable.clamped()) {
            metrics.manifestClamped();
        }
        return viaStore.apply(usable.manifest());
    }

    /** The synchronous preload: waits for the store (at most the preload's deadline). */
    private PreloadOutcome preloadNow(PreloadManifest manifest, ActorStartRequested request) {
        long start = System.nanoTime();
        try {
            return logged(request, settings.preloadFunction().preload(request.getActorId(), manifest));
        } catch (RuntimeException e) {
            return unexpected(request, e);
        } finally {
            metrics.preloadLatency(System.nanoTime() - start);
        }
    }

    /** The preload logs its failures itself (a store outage once, not per request); this only traces them. */
    private static PreloadOutcome logged(ActorStartRequested request, PreloadOutcome outcome) {
        outcome.failure()
                .ifPresent(failure -> LOG.debug(
                        "Preload of actor {} failed, its command goes without preload (STORE_ERROR): {}",
                        request.getActorId(),
                        failure));
        return outcome;
    }

    private static PreloadOutcome unexpected(ActorStartRequested request, Throwable e) {
        LOG.error(
                "Preload of actor {} failed unexpectedly; sending its command without preload",
                request.getActorId(),
                e);
        return PreloadOutcome.storeError(PreloadFailures.reason(PreloadFailures.STORE_ERROR, e.toString()));
    }

    private void refuse(String reason) {
        metrics.deadLettered();
        throw new UnroutableRequestException(reason);
    }

    private static boolean fits(String key, byte[] value, int limit) {
        return fits(key, value.length, limit);
    }

    private static boolean fits(String key, long valueBytes, int limit) {
        int keyBytes = key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
        return keyBytes + valueBytes + RECORD_OVERHEAD_BYTES <= limit;
    }

    private static StartActorCommand commandOf(
            ActorStartRequested request, PreloadStatus status, PreloadedKv kv, String failure) {
        return StartActorCommand.newBuilder()
                .setActorId(request.getActorId())
                .setGeneration(request.getGeneration())
                .setNamespace(request.getNamespace())
                .setActorName(request.getActorName())
                .setRunnerId(request.getRunnerId())
                .setRequestedAt(request.getRequestedAt())
                .setInput(request.getInput())
                .setPreloadedKv(kv)
                .setPreloadStatus(status)
                .setPreloadFailure(failure)
                .build();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        if (serializer != null) {
            serializer.close();
        }
    }
}
