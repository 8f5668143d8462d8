package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.avro.PreloadManifest;

/**
 * A start request with the manifest of its actor type as the global table held it when the
 * request was processed.
 *
 * @param request  the request; never null
 * @param manifest the manifest; null when there is none (not yet validated)
 */
public record JoinedRequest(ActorStartRequested request, PreloadManifest manifest) {
}
