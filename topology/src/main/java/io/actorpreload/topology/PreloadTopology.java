package io.actorpreload.topology;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import io.actorpreload.topology.internals.AsyncPreloadProcessor;
import io.actorpreload.topology.internals.JoinedRequest;
import io.actorpreload.topology.internals.ManifestVerdicts;
import io.actorpreload.topology.internals.PreloadCommandProcessor;
import io.actorpreload.topology.internals.RoutedCommand;
import io.actorpreload.topology.internals.UnroutableRequestException;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Builds the preload topology (docs/ARCHITECTURE.md, "Topics" and "The preload"):
 * <pre>
 *   actor-start-requests ──leftJoin(actorName)── actor-preload-manifests (GlobalKTable)
 *        └─ preload processor ── StartActorCommand ──▶ runner.&lt;runnerId&gt;.commands
 * </pre>
 * Undecodable and unroutable start requests go to the dead-letter topic through Kafka Streams'
 * exception handlers, which {@link PreloadTopologyConfig#streamsProperties()} configures: run the
 * topology with those properties. The global table holds the manifests' bytes, decoded and
 * validated once per version by the processor, so a manifest that cannot be decoded, live or
 * restored into a fresh instance, never fails a lookup. The preload step is synchronous at
 * {@code preload.max.in.flight=1}; above, {@link AsyncPreloadProcessor} overlaps preloads and
 * keeps its in-flight queue in a changelogged store (docs/ARCHITECTURE.md, "Concurrency").
 * The topology is new on every call.
 *
 * <p>Deliberately not done here: creating topics (runner topics belong to the runner library;
 * the others to the deployment) and opening the store ({@link PreloadApp} does).
 */
public final class PreloadTopology {
    /** Name of the global table's store of manifests. */
    public static final String MANIFEST_STORE = "actor-preload-manifests-store";

    private PreloadTopology() {}

    /**
     * @param config          the configuration (topics, budget, registry)
     * @param preloadFunction runs a preload, usually {@code new Preloader(store, settings)::preload}
     * @param runnerTopics    says which runner topics exist
     */
    public static Topology build(
            PreloadTopologyConfig config, PreloadFunction preloadFunction, RunnerTopics runnerTopics) {
        Map<String, Object> serdeConfigs = config.serdeConfigs();
        // Built with the application's own Streams settings: the no-argument builder makes a default
        // StreamsConfig of its own (and warns about handler settings the application does set).
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
        String manifestsTopic = config.getString(PreloadTopologyConfig.MANIFESTS_TOPIC_CONFIG);
        // Bytes, not manifests: Kafka Streams restores a global store by copying the topic's bytes,
        // bypassing the deserialization handler, so a typed store could hold what its serde cannot read.
        GlobalKTable<String, byte[]> manifests = builder.globalTable(
                manifestsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), Materialized.as(MANIFEST_STORE));
        long globalBudget = config.getLong(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG);
        ManifestVerdicts verdicts = new ManifestVerdicts(
                manifestsTopic, valueSerde(PreloadManifest.class, serdeConfigs).deserializer(), globalBudget);
        PreloadCommandProcessor.Settings settings = new PreloadCommandProcessor.Settings(
                config.runnerTopicNaming(),
                runnerTopics,
                verdicts,
                preloadFunction,
                globalBudget,
                config.producerMaxRequestSize(),
                () -> commandSerializer(serdeConfigs));
        builder.stream(
                        config.getString(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG),
                        Consumed.with(Serdes.String(), valueSerde(ActorStartRequested.class, serdeConfigs)))
                // The join drops records without value; this step dead-letters them instead.
                .mapValues((actorId, request) -> requireValue(actorId, request), Named.as("require-value"))
                .leftJoin(
                        manifests,
                        (actorId, request) -> request.getActorName(),
                        JoinedRequest::new,
                        Named.as("join-manifest"))
                .process(preloadStep(config, settings), Named.as("preload"))
                .to(
                        RoutedCommand.topicExtractor(),
                        Produced.with(Serdes.String(), RoutedCommand.serde()).withName("runner-commands"));
        return builder.build();
    }

    /** The synchronous processor at {@code preload.max.in.flight=1}, the asynchronous one above. */
    private static ProcessorSupplier<String, JoinedRequest, String, RoutedCommand> preloadStep(
            PreloadTopologyConfig config, PreloadCommandProcessor.Settings settings) {
        int maxInFlight = config.getInt(PreloadTopologyConfig.MAX_IN_FLIGHT_CONFIG);
        return maxInFlight == 1
                ? PreloadCommandProcessor.supplier(settings)
                : AsyncPreloadProcessor.supplier(
                        settings,
                        maxInFlight,
                        config.getLong(PreloadTopologyConfig.MAX_IN_FLIGHT_BYTES_CONFIG),
                        Duration.ofMillis(config.getLong(PreloadTopologyConfig.COMMIT_MIN_INTERVAL_MS_CONFIG)));
    }

    private static ActorStartRequested requireValue(String actorId, ActorStartRequested request) {
        if (request == null) {
            throw new UnroutableRequestException("the start request of key " + actorId + " has no value");
        }
        return request;
    }

    private static Serializer<StartActorCommand> commandSerializer(Map<String, Object> serdeConfigs) {
        return valueSerde(StartActorCommand.class, serdeConfigs).serializer();
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> valueSerde(
            Class<T> type, Map<String, Object> configs) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }
}
