package io.actorpreload.demo;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.ActorStartup;
import io.actorpreload.runner.ActorStartupHandler;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A demo runner's start-up of one actor, and the example of a runner's integration: the library
 * hands it an {@link ActorStartup} whose KV view answers from the preload; it makes the actor's
 * {@link StartupReads} through that view, checks every answer against what the store answered for the
 * same read before the run (the store does not change during it), checks the status
 * and the KV round trips against what the actor's kind must get, and tallies it all.
 */
final class DemoRunnerHandler implements ActorStartupHandler {
    private final Map<String, ActorKind> kinds;
    private final Map<String, List<StartupReads.Answer>> expected;
    private final DemoTally tally;
    private final Clock clock;
    private volatile PrintStream startLog;

    DemoRunnerHandler(
            Map<String, ActorKind> kinds,
            Map<String, List<StartupReads.Answer>> expected,
            DemoTally tally,
            Clock clock) {
        this.kinds = kinds;
        this.expected = expected;
        this.tally = tally;
        this.clock = clock;
    }

    /** From now on, prints a line for every start (for a user sending requests by hand). */
    void logEachStart(PrintStream out) {
        startLog = out;
    }

    @Override
    public void start(ActorStartup startup) {
        StartActorCommand command = startup.command();
        String actorId = startup.actorId();
        long latencyMillis = clock.millis() - command.getRequestedAt().toEpochMilli();
        ActorKind kind = kinds.get(actorId);
        List<String> mismatches =
                kind == null ? List.of() : StartupReads.readAndCheck(actorId, startup.kv(), expected.get(actorId));
        int roundTrips = startup.kvRoundTrips();
        if (kind == null) {
            tally.mismatch(actorId + ": a command for an actor the demo did not seed");
        } else {
            if (command.getPreloadStatus() != kind.expectedStatus()) {
                tally.mismatch("%s (%s): status %s, expected %s"
                        .formatted(actorId, kind, command.getPreloadStatus(), kind.expectedStatus()));
            }
            if (roundTrips != kind.expectedRoundTrips()) {
                tally.mismatch("%s (%s): %d KV round trips, expected %d"
                        .formatted(actorId, kind, roundTrips, kind.expectedRoundTrips()));
            }
        }
        long preloadBytes =
                command.getPreloadedKv() == null ? 0 : command.getPreloadedKv().getTotalBytes();
        tally.started(actorId, command.getPreloadStatus(), preloadBytes, roundTrips, latencyMillis, mismatches);
        PrintStream log = startLog;
        if (log != null) {
            log.printf(
                    "%s started %s (%s): %s, %,d preloaded bytes, %d KV round trips, %s%n",
                    command.getRunnerId(),
                    actorId,
                    command.getActorName(),
                    command.getPreloadStatus(),
                    preloadBytes,
                    roundTrips,
                    mismatches.isEmpty() ? "every answer right" : String.join("; ", mismatches));
        }
    }
}
