package io.actorpreload.learner.internals;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.learner.LearnerState;
import io.actorpreload.learner.LearnerStatus;
import io.actorpreload.learner.ManifestLearner;
import io.actorpreload.learner.StartSample;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.registry.TransientFailures;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One report at a time: adds it to its type's window (the store {@value #WINDOWS_STORE}, keyed by
 * actor type), asks the {@link ManifestLearner} what to do given the manifest in force, and forwards
 * a learned manifest, keyed by actor type, when there is one to publish. A manifest in force that
 * cannot be decoded counts as declared: the learner does not publish over what it cannot read. A
 * transient registry failure is thrown, so the report is read again.
 */
public final class LearnerProcessor extends ContextualProcessor<String, JoinedReport, String, PreloadManifest> {
    /** The learner's state store: actor type → {@link LearnerStateCodec} bytes. */
    public static final String WINDOWS_STORE = "learner-windows";

    private static final Logger LOG = LoggerFactory.getLogger(LearnerProcessor.class);

    private final ManifestLearner learner;
    private final Deserializer<PreloadManifest> decoder;
    private final String manifestsTopic;
    private final LearnerStatus status;
    private KeyValueStore<String, byte[]> windows;

    private LearnerProcessor(
            ManifestLearner learner,
            Deserializer<PreloadManifest> decoder,
            String manifestsTopic,
            LearnerStatus status) {
        this.learner = learner;
        this.decoder = decoder;
        this.manifestsTopic = manifestsTopic;
        this.status = status;
    }

    /** A supplier of new processors sharing {@code learner}, the thread-safe {@code decoder} and {@code status}. */
    public static ProcessorSupplier<String, JoinedReport, String, PreloadManifest> supplier(
            ManifestLearner learner,
            Deserializer<PreloadManifest> decoder,
            String manifestsTopic,
            LearnerStatus status) {
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(decoder, "decoder");
        return () -> new LearnerProcessor(learner, decoder, manifestsTopic, status);
    }

    @Override
    public void init(ProcessorContext<String, PreloadManifest> context) {
        super.init(context);
        windows = context.getStateStore(WINDOWS_STORE);
    }

    @Override
    public void process(Record<String, JoinedReport> record) {
        ActorStartReport report = record.value().report();
        String actorName = report.getActorName();
        Decoded inForce = decode(actorName, record.value().manifestBytes());
        LearnerState state = LearnerStateCodec.read(windows.get(actorName));
        ManifestLearner.Decision decision =
                learner.onStart(actorName, state, StartSample.of(report), inForce.manifest());
        windows.put(actorName, LearnerStateCodec.write(decision.state()));
        status.update(actorName, decision.state(), inForce.manifest());
        decision.publish().ifPresent(manifest -> {
            ManifestValidation.validate(manifest, learner.settings().budgetBytes());
            LOG.info(
                    "Learned manifest v{} of actor type {} from its last {} starts: {} get-keys, {} prefixes.",
                    manifest.getLearnedVersion(),
                    actorName,
                    decision.state().window().size(),
                    manifest.getGetKeys().size(),
                    manifest.getPrefixes().size());
            context().forward(record.withKey(actorName).withValue(manifest));
        });
    }

    private record Decoded(PreloadManifest manifest) {}

    private Decoded decode(String actorName, byte[] bytes) {
        if (bytes == null) {
            return new Decoded(null);
        }
        try {
            return new Decoded(decoder.deserialize(manifestsTopic, bytes));
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            LOG.warn(
                    "The manifest in force for actor type {} cannot be decoded ({}); the learner treats it as "
                            + "declared and does not publish over it.",
                    actorName,
                    e.getMessage());
            // Declared and not open to learning: the learner never replaces what it cannot read.
            return new Decoded(PreloadManifest.newBuilder()
                    .setActorName(actorName)
                    .setGetKeys(java.util.List.of())
                    .setPrefixes(java.util.List.of())
                    .setMaxTotalBytes(0)
                    .build());
        }
    }
}
