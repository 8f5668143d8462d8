package io.actorpreload.learner.internals;

import io.actorpreload.avro.ActorStartReport;

/** A start-up report with the bytes of its type's manifest in force on the manifest topic (null: none). */
public record JoinedReport(ActorStartReport report, byte[] manifestBytes) {}
