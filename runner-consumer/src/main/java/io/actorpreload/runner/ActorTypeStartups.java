package io.actorpreload.runner;

/**
 * What the start-ups of one actor type cost on one runner, since its {@link RunnerClient} started
 * ({@link RunnerMetrics#actorTypes()}): how many, the KV round trips their reads made (reads the
 * preload did not answer; a batch get counts once), the bytes preloaded for them and those of
 * that no read touched (over-fetching). Immutable.
 */
public record ActorTypeStartups(long starts, long readRoundTrips, long preloadedBytes, long unusedPreloadedBytes) {
    /** Mean read round trips per start; 0 before the first start. */
    public double roundTripsPerStart() {
        return starts == 0 ? 0 : (double) readRoundTrips / starts;
    }
}
