package io.actorpreload.runner;

import io.actorpreload.avro.ActorStartReport;

/**
 * Where an {@link ActorStartup} hands its {@link ActorStartReport} when it ends. Called on the
 * runner's consumer thread, once per start-up: must not block or throw ({@link StartupReports}
 * queues and sends asynchronously, dropping and counting what does not fit).
 */
@FunctionalInterface
interface StartupReportSink {
    /** A sink that drops every report. */
    StartupReportSink NONE = report -> {};

    void offer(ActorStartReport report);
}
