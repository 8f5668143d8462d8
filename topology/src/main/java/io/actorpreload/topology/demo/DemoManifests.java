package io.actorpreload.topology.demo;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** The manifests the demo's runners publish: one per actor type that has one. */
final class DemoManifests {
    private DemoManifests() {
    }

    /** A manifest for every kind that expects a preload; {@link ActorKind#UNLISTED} has none. */
    static List<PreloadManifest> all(long budgetBytes) {
        return Arrays.stream(ActorKind.values())
                .filter(kind -> kind != ActorKind.UNLISTED)
                .map(kind -> of(kind.actorType(), budgetBytes))
                .toList();
    }

    /** The start-up keys of {@link StartupReads}, prefixes in priority order: small ones first. */
    static PreloadManifest of(String actorType, long budgetBytes) {
        return PreloadManifest.newBuilder()
                .setActorName(actorType)
                .setGetKeys(List.of(ByteBuffer.wrap(DemoKeys.STATE), ByteBuffer.wrap(DemoKeys.QUEUE_METADATA)))
                .setPrefixes(List.of(
                        prefix(DemoKeys.CONNECTIONS, 64 * 1024, false),
                        prefix(DemoKeys.QUEUE, 64 * 1024, false),
                        prefix(DemoKeys.PAGES, budgetBytes, true)))
                .setMaxTotalBytes(budgetBytes)
                .build();
    }

    private static PrefixRequest prefix(byte[] prefix, long maxBytes, boolean partial) {
        return new PrefixRequest(ByteBuffer.wrap(prefix), maxBytes, partial);
    }
}
