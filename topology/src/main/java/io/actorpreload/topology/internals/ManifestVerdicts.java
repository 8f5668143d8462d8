package io.actorpreload.topology.internals;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.manifest.InvalidManifestException;
import io.actorpreload.schemas.manifest.ManifestValidation;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.registry.TransientFailures;
import io.actorpreload.schemas.serde.InvalidAvroPayloadException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per manifest version whether an actor type's manifest can be used. The global table
 * holds manifests as the bytes of the manifest topic, so neither a live record nor one restored
 * into a fresh instance's store (which Kafka Streams copies without the deserialization handler)
 * can make the lookup throw; the bytes are decoded and validated here, and the verdict kept until
 * the bytes of that actor type change.
 *
 * <p>A manifest that cannot be decoded, fails validation or names another actor type than its key
 * never keeps an actor from starting: it
 * is {@link Unusable}, logged once for that version, and its actors start without preload, status
 * {@code INVALID_MANIFEST}. The
 * one exception is a transient registry failure while decoding ({@link TransientFailures}): it is
 * thrown, so the request is retried, and nothing is decided. A schema id the registry does not know
 * is decided for {@value #RECHECK_SECONDS} s only: a registry may get it back.
 *
 * <p>A manifest asking more than the global budget is not invalid: it is clamped to the budget
 * (a manifest may ask less, never more), warned about once per version and counted.
 *
 * <p>Thread-safe: one instance is shared by every task, so a version is decoded and logged once
 * per application instance. Holds one entry per actor type that has a manifest.
 */
public final class ManifestVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestVerdicts.class);
    static final long RECHECK_SECONDS = 60;

    /** Whether a manifest can be used. */
    public sealed interface Verdict permits Usable, Unusable {}

    /**
     * The manifest decoded and valid; shared by every request of its type: read it, never change it.
     *
     * @param manifest   the manifest to preload with, its budget at most the global budget
     * @param askedBytes the budget the manifest was published with; more than the manifest's own
     *                   when it was clamped to the global budget
     */
    public record Usable(PreloadManifest manifest, long askedBytes) implements Verdict {
        public Usable {
            Objects.requireNonNull(manifest, "manifest");
        }

        /** A manifest used as published. */
        public Usable(PreloadManifest manifest) {
            this(manifest, manifest.getMaxTotalBytes());
        }

        /** True when the manifest asked more than the global budget and was cut down to it. */
        public boolean clamped() {
            return askedBytes > manifest.getMaxTotalBytes();
        }
    }

    /** The manifest cannot be used; {@code reason} says why. Its actors start without preload. */
    public record Unusable(String reason) implements Verdict {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private record Entry(byte[] raw, Verdict verdict, long recheckAtNanos) {
        boolean answers(byte[] bytes, long now) {
            return Arrays.equals(raw, bytes) && now - recheckAtNanos < 0;
        }
    }

    private final String manifestsTopic;
    private final Deserializer<PreloadManifest> decoder;
    private final long globalBudgetBytes;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong clampedVersions = new AtomicLong();

    /**
     * @param manifestsTopic    the manifest topic, handed to the decoder
     * @param decoder           decodes a manifest's bytes; thread-safe
     * @param globalBudgetBytes the budget a manifest is clamped to when it asks more
     */
    public ManifestVerdicts(String manifestsTopic, Deserializer<PreloadManifest> decoder, long globalBudgetBytes) {
        this.manifestsTopic = Objects.requireNonNull(manifestsTopic, "manifestsTopic");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.globalBudgetBytes = globalBudgetBytes;
    }

    /**
     * The verdict on the manifest bytes the global table holds for {@code actorName}.
     *
     * @param raw the bytes; never null (no manifest is not a verdict: see {@link #forget})
     * @throws RuntimeException a transient registry failure, to retry the request
     */
    public Verdict verdictOf(String actorName, byte[] raw) {
        long now = System.nanoTime();
        Entry entry = entries.get(actorName);
        if (entry != null && entry.answers(raw, now)) {
            return entry.verdict();
        }
        // compute() runs once per key at a time: a new version is decoded and logged once, even
        // when several stream threads meet it together.
        return entries.compute(
                        actorName, (name, old) -> old != null && old.answers(raw, now) ? old : decide(name, raw, now))
                .verdict();
    }

    /** Manifest versions that asked more than the global budget and were clamped to it, since start. */
    public long clampedVersions() {
        return clampedVersions.get();
    }

    /** The actor type has no manifest (any more): drops what was kept for it. */
    public void forget(String actorName) {
        entries.remove(actorName);
    }

    private Entry decide(String actorName, byte[] raw, long now) {
        long never = now + TimeUnit.DAYS.toNanos(365 * 100);
        PreloadManifest manifest;
        try {
            manifest = decoder.deserialize(manifestsTopic, raw);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            boolean mayComeBack = e instanceof SchemaRegistryException
                    || e instanceof InvalidAvroPayloadException invalid
                            && invalid.problem() == InvalidAvroPayloadException.Problem.UNKNOWN_SCHEMA_ID;
            return unusable(
                    actorName,
                    raw,
                    "it cannot be decoded: " + e.getMessage(),
                    mayComeBack ? now + TimeUnit.SECONDS.toNanos(RECHECK_SECONDS) : never);
        }
        try {
            // The global budget is not a validity rule here: it caps the manifest below. The topology's
            // budget may have been lowered after the manifest was published under a larger one.
            ManifestValidation.validate(manifest, Long.MAX_VALUE);
        } catch (InvalidManifestException e) {
            return unusable(actorName, raw, "it is invalid: " + e.getMessage(), never);
        }
        if (!manifest.getActorName().toString().equals(actorName)) {
            // Used for the key's type, a manifest written for another type would preload the wrong keys.
            return unusable(
                    actorName,
                    raw,
                    "its actorName " + manifest.getActorName() + " is not its key " + actorName
                            + " on the manifest topic",
                    never);
        }
        long asked = manifest.getMaxTotalBytes();
        if (asked > globalBudgetBytes) {
            manifest = PreloadManifest.newBuilder(manifest)
                    .setMaxTotalBytes(globalBudgetBytes)
                    .build();
            clampedVersions.incrementAndGet();
            LOG.warn(
                    "The manifest of actor type {} asks for {} bytes, more than the global budget of {} bytes: "
                            + "its actors are preloaded within {} bytes (counted in manifest-clamped-total). Publish it "
                            + "with maxTotalBytes at most the global budget, or raise the budget.",
                    actorName,
                    asked,
                    globalBudgetBytes,
                    globalBudgetBytes);
        } else {
            LOG.debug("Manifest of actor type {} ({} bytes) decoded and valid", actorName, raw.length);
        }
        return new Entry(raw, new Usable(manifest, asked), never);
    }

    private static Entry unusable(String actorName, byte[] raw, String reason, long recheckAtNanos) {
        LOG.warn(
                "The manifest of actor type {} ({} bytes on the manifest topic) cannot be used, {}. Its actors start "
                        + "without preload (INVALID_MANIFEST) until a valid manifest is published.",
                actorName,
                raw.length,
                reason);
        return new Entry(raw, new Unusable(reason), recheckAtNanos);
    }
}
