package io.actorpreload.testkit;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.preload.ActorKvReader;
import io.actorpreload.preload.ActorKvWriter;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.preload.PreloadOutcome;
import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.memory.InMemoryPreloadStore;
import io.actorpreload.runner.ActorKvClients;
import io.actorpreload.runner.KvPut;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Actors' stored state for a runner's unit tests, in memory, and the start commands the pipeline
 * would send for them. A command's preload is computed by the project's own {@link Preloader} over
 * this state (the budget, the prefix rules, the key layout), so a handler meets exactly what it
 * meets in production; {@link #kvClients()} reads and writes the same state, so whatever the
 * preload does not answer is answered by the store, as in production.
 *
 * <p>Strings are UTF-8. Thread-safe. {@link #close()} releases the state.
 */
public final class TestKvStore implements AutoCloseable {
    /** The runner id the commands name. */
    public static final String RUNNER_ID = "test-runner";
    /** The namespace the commands name. */
    public static final String NAMESPACE = "default";

    private final InMemoryPreloadStore store = InMemoryPreloadStore.create();
    private final ActorKvReader reader = new ActorKvReader(store);
    private final ActorKvWriter writer = new ActorKvWriter(store);
    private final Preloader preloader;
    private final Clock clock;

    /** An empty store; preloads use the default settings (global budget, deadline). */
    public TestKvStore() {
        this(Clock.systemUTC());
    }

    /** An empty store whose writes and commands take their times from {@code clock}. */
    public TestKvStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.preloader = new Preloader(store, PreloadSettings.defaults());
    }

    /** Stores {@code value} under {@code key} of {@code actorId}, replacing any value it had. */
    public TestKvStore put(String actorId, String key, String value) {
        return put(actorId, ManifestBuilder.utf8(key), ManifestBuilder.utf8(value));
    }

    /** Stores {@code value} under {@code key} of {@code actorId}, replacing any value it had. */
    public TestKvStore put(String actorId, byte[] key, byte[] value) {
        // The way a runner's write reaches the store: one version and timestamp rule, StoreKvClient's.
        kvClients().forActor(actorId).batchPut(List.of(new KvPut(key.clone(), value.clone())));
        return this;
    }

    /** The value stored under {@code key} of {@code actorId} now, e.g. after a handler wrote it. */
    public Optional<byte[]> value(String actorId, String key) {
        return value(actorId, ManifestBuilder.utf8(key));
    }

    /** The value stored under {@code key} of {@code actorId} now. */
    public Optional<byte[]> value(String actorId, byte[] key) {
        return reader.get(actorId, key).map(KvRecord::value);
    }

    /** One KV client per actor over this state: give it to the runner as its store. */
    public ActorKvClients kvClients() {
        return actorId -> new StoreKvClient(actorId, reader, writer, clock);
    }

    /** The start command of generation 1 of {@code actorId}, of {@code manifest}'s type, preloaded now. */
    public StartActorCommand startCommand(String actorId, PreloadManifest manifest) {
        return startCommand(actorId, 1, manifest);
    }

    /**
     * The start command of {@code generation} of {@code actorId}, of {@code manifest}'s type, with the
     * preload the topology would compute from this state now: {@code PRELOADED} with the entries the
     * budget allows, or the status and reason the topology would give.
     */
    public StartActorCommand startCommand(String actorId, long generation, PreloadManifest manifest) {
        PreloadOutcome outcome = preloader.preload(actorId, manifest);
        return command(actorId, generation, manifest.getActorName().toString(), outcome.status())
                .setPreloadedKv(outcome.preloadedKv().orElse(null))
                .setPreloadFailure(outcome.failure().orElse(null))
                .build();
    }

    /** The start command of {@code actorId} of a type without a manifest: {@code NO_MANIFEST}, no preload. */
    public StartActorCommand startCommandWithoutManifest(String actorId, long generation, String actorType) {
        return command(actorId, generation, actorType, PreloadStatus.NO_MANIFEST)
                .build();
    }

    private StartActorCommand.Builder command(String actorId, long generation, String actorType, PreloadStatus status) {
        return StartActorCommand.newBuilder()
                .setActorId(actorId)
                .setGeneration(generation)
                .setNamespace(NAMESPACE)
                .setActorName(actorType)
                .setRunnerId(RUNNER_ID)
                .setRequestedAt(clock.instant())
                .setPreloadStatus(status);
    }

    @Override
    public void close() {
        store.close();
    }
}
