package io.actorpreload.demo;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.runner.ActorKvView;
import io.actorpreload.runner.PreloadMap;
import io.actorpreload.runner.PreloadMissListener;
import io.actorpreload.runner.StartCommandHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A demo runner's start-up of one actor: makes the actor's {@link StartupReads} through an
 * {@link ActorKvView} over the command's preload, checks every answer against the store, checks
 * the status and the round trips against what the actor's kind must get, and tallies it all.
 */
final class DemoRunnerHandler implements StartCommandHandler {
    private final Map<String, ActorKind> kinds;
    private final ActorKvReader reader;
    private final ActorKvWriter writer;
    private final DemoTally tally;
    private final Clock clock;
    private volatile PrintStream startLog;

    DemoRunnerHandler(Map<String, ActorKind> kinds, ActorKvReader reader, ActorKvWriter writer, DemoTally tally, Clock clock) {
        this.kinds = kinds;
        this.reader = reader;
        this.writer = writer;
        this.tally = tally;
        this.clock = clock;
    }

    /** From now on, prints a line for every start (for a user sending requests by hand). */
    void logEachStart(PrintStream out) {
        startLog = out;
    }

    @Override
    public void handle(StartActorCommand command, PreloadMap preload) {
        String actorId = command.getActorId();
        long latencyMillis = clock.millis() - command.getRequestedAt().toEpochMilli();
        StoreKvClient store = new StoreKvClient(actorId, reader, writer, clock);
        StoreKvClient truth = new StoreKvClient(actorId, reader, writer, clock);
        List<String> mismatches;
        try (ActorKvView view = new ActorKvView(actorId, preload, store, PreloadMissListener.NONE)) {
            mismatches = StartupReads.readAndCheck(actorId, view, truth);
        }
        ActorKind kind = kinds.get(actorId);
        if (kind == null) {
            tally.mismatch(actorId + ": a command for an actor the demo did not seed");
        } else {
            if (command.getPreloadStatus() != kind.expectedStatus()) {
                tally.mismatch("%s (%s): status %s, expected %s".formatted(
                        actorId, kind, command.getPreloadStatus(), kind.expectedStatus()));
            }
            if (store.roundTrips() != kind.expectedRoundTrips()) {
                tally.mismatch("%s (%s): %d KV round trips, expected %d".formatted(
                        actorId, kind, store.roundTrips(), kind.expectedRoundTrips()));
            }
        }
        long preloadBytes = command.getPreloadedKv() == null ? 0 : command.getPreloadedKv().getTotalBytes();
        tally.started(actorId, command.getPreloadStatus(), preloadBytes, store.roundTrips(), latencyMillis, mismatches);
        PrintStream log = startLog;
        if (log != null) {
            log.printf("%s started %s (%s): %s, %,d preloaded bytes, %d KV round trips, %s%n", command.getRunnerId(),
                    actorId, command.getActorName(), command.getPreloadStatus(), preloadBytes, store.roundTrips(),
                    mismatches.isEmpty() ? "every answer right" : String.join("; ", mismatches));
        }
    }
}
