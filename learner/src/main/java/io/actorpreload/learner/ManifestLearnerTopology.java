package io.actorpreload.learner;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.learner.internals.JoinedReport;
import io.actorpreload.learner.internals.LearnerProcessor;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the manifest learner (docs/ARCHITECTURE.md, "Learned manifests"):
 * <pre>
 *   actor-start-reports ──leftJoin(actorName)── actor-preload-manifests (GlobalKTable, bytes)
 *        └─ learner (window store per actor type) ── learned PreloadManifest ──▶ actor-preload-manifests
 * </pre>
 * Reports are keyed by actor type, so each type's window lives in one task. The manifest topic is
 * read as a global table to know which manifest is in force ("who wins": a declared manifest not
 * marked {@code learn} is never replaced) and written with learned manifests keyed like declared
 * ones, so the preload topology needs no change to use them.
 *
 * <p>Why an application of its own rather than a part of the preload topology: the learner is
 * off the start path. Its failures, restarts, rebalances and state restores (a window per type)
 * then never delay a start command; it scales and is upgraded apart; it needs other rights (it
 * writes the manifest topic, which the preload topology must not); and a deployment that does not
 * learn runs nothing of it. The cost is one more consumer group and one more global table of
 * manifests, both small.
 *
 * <p>Deliberately not done: repartitioning reports that a producer keyed otherwise (the runner
 * library keys them by actor type); creating topics. The topology is new on every call.
 */
public final class ManifestLearnerTopology {
    /** The learner's global table of manifests. */
    public static final String MANIFEST_STORE = "learner-manifests-store";

    private ManifestLearnerTopology() {}

    /**
     * @param config the learner's configuration
     * @param status updated after every report; read it for metrics
     */
    public static Topology build(ManifestLearnerConfig config, LearnerStatus status) {
        Map<String, Object> serdeConfigs = config.serdeConfigs();
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config.streamsProperties())));
        String manifestsTopic = config.getString(ManifestLearnerConfig.MANIFESTS_TOPIC_CONFIG);
        // Bytes, as in the preload topology: a manifest this version cannot decode must not fail the table.
        GlobalKTable<String, byte[]> manifests = builder.globalTable(
                manifestsTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()), Materialized.as(MANIFEST_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LearnerProcessor.WINDOWS_STORE), Serdes.String(), Serdes.ByteArray()));
        ManifestLearner learner = new ManifestLearner(config.learnerSettings());
        builder.stream(
                        config.getString(ManifestLearnerConfig.REPORTS_TOPIC_CONFIG),
                        Consumed.with(Serdes.String(), serde(ActorStartReport.class, serdeConfigs)))
                .filter((key, report) -> report != null, Named.as("drop-empty-reports"))
                .leftJoin(
                        manifests,
                        (key, report) -> report.getActorName(),
                        JoinedReport::new,
                        Named.as("join-manifest-in-force"))
                .process(
                        LearnerProcessor.supplier(
                                learner,
                                serde(PreloadManifest.class, serdeConfigs).deserializer(),
                                manifestsTopic,
                                status),
                        Named.as("learn"),
                        LearnerProcessor.WINDOWS_STORE)
                .to(
                        manifestsTopic,
                        Produced.with(Serdes.String(), serde(PreloadManifest.class, serdeConfigs))
                                .withName("learned-manifests"));
        return builder.build();
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> serde(Class<T> type, Map<String, Object> configs) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }
}
