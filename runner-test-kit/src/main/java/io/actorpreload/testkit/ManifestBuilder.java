package io.actorpreload.testkit;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a valid {@link PreloadManifest} of one actor type from plain keys and prefixes (strings
 * are UTF-8): the same record a runner declares with {@code ManifestPublisher}. {@link #build()}
 * validates it with the rules the topology applies, so a test cannot preload with a manifest the
 * pipeline would refuse.
 */
public final class ManifestBuilder {
    private final String actorType;
    private final List<ByteBuffer> getKeys = new ArrayList<>();
    private final List<PrefixRequest> prefixes = new ArrayList<>();
    private long maxTotalBytes = ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES;

    private ManifestBuilder(String actorType) {
        this.actorType = Objects.requireNonNull(actorType, "actorType");
    }

    /** A manifest of {@code actorType} (the start command's {@code actorName}), empty, with the default budget. */
    public static ManifestBuilder forType(String actorType) {
        return new ManifestBuilder(actorType);
    }

    /** Adds an exact key, read at start-up in this order. */
    public ManifestBuilder get(String key) {
        return get(utf8(key));
    }

    /** Adds an exact key, read at start-up in this order. */
    public ManifestBuilder get(byte[] key) {
        getKeys.add(ByteBuffer.wrap(key.clone()));
        return this;
    }

    /** Adds a prefix, all or nothing: preloaded whole when it fits {@code maxBytes}, else not at all. */
    public ManifestBuilder prefix(String prefix, long maxBytes) {
        return prefix(utf8(prefix), maxBytes, false);
    }

    /**
     * Adds a prefix in priority order; {@code partial} keeps the head of a prefix that overflows
     * {@code maxBytes} instead of dropping it.
     */
    public ManifestBuilder prefix(byte[] prefix, long maxBytes, boolean partial) {
        prefixes.add(new PrefixRequest(ByteBuffer.wrap(prefix.clone()), maxBytes, partial));
        return this;
    }

    /** This type's budget (default: the global default budget, which caps it). */
    public ManifestBuilder maxTotalBytes(long maxTotalBytes) {
        this.maxTotalBytes = maxTotalBytes;
        return this;
    }

    /**
     * The manifest, declared by a runner (not learned).
     *
     * @throws io.actorpreload.schemas.manifest.InvalidManifestException when the topology would refuse it
     */
    public PreloadManifest build() {
        PreloadManifest manifest = PreloadManifest.newBuilder()
                .setActorName(actorType)
                .setGetKeys(List.copyOf(getKeys))
                .setPrefixes(List.copyOf(prefixes))
                .setMaxTotalBytes(maxTotalBytes)
                .build();
        ManifestValidation.validate(manifest, ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES);
        return manifest;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
