package io.actorpreload.topology.internals;

import io.actorpreload.avro.ActorStartRequested;

/**
 * A start request with the manifest of its actor type as the global table held it when the
 * request was processed: the manifest topic's bytes, neither decoded nor validated yet (see
 * {@link ManifestVerdicts}). The array is not copied: nobody writes to it.
 *
 * @param request  the request; never null
 * @param manifest the manifest's bytes; null when the actor type has none
 */
public record JoinedRequest(ActorStartRequested request, byte[] manifest) {}
