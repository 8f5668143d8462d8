package io.actorpreload.benchmarks.e2e;

import io.actorpreload.avro.PreloadManifest;
import io.actorpreload.benchmarks.fixtures.ActorShape;
import io.actorpreload.demo.ActorKind;
import io.actorpreload.demo.StartupKeys;
import io.actorpreload.preload.KvRecord;
import io.actorpreload.schemas.manifest.ManifestValidation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The actors a scenario's start requests start: actors of one {@link ActorShape}, or the demo's mix
 * of {@link ActorKind}s in the demo's proportions, so that {@code bin/demo --burst} can be compared
 * with the pipeline moving the same commands ({@link #DEMO_MIX}). Immutable.
 */
sealed interface Workload permits Workload.OfShape, Workload.DemoMix {
    /** The demo's actor kinds, in the demo's fixed mix ({@link ActorKind#ofIndex}). */
    Workload DEMO_MIX = new DemoMix();

    /** Every workload, each seeded once. */
    static List<Workload> all() {
        return Stream.concat(Arrays.stream(ActorShape.values()).map(OfShape::new), Stream.of(DEMO_MIX))
                .toList();
    }

    /** {@code SMALL} (any {@link ActorShape}) or {@code DEMO}, in any case. */
    static Workload parse(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals(DemoMix.NAME)) {
            return DEMO_MIX;
        }
        try {
            return new OfShape(ActorShape.valueOf(upper));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no workload '" + name + "': choose one of "
                    + Arrays.toString(ActorShape.values()) + " or " + DemoMix.NAME);
        }
    }

    /** The table's words for it, e.g. "16 KiB". */
    String label();

    /** The actor the {@code index}-th request of a scenario starts. */
    String actorId(int index);

    /** The actor type (manifest name) of the {@code index}-th request. */
    String actorType(int index);

    /** How many actors it starts, in turn: request {@code i} starts actor {@code i % actors()}. */
    int actors();

    /** The records of the {@code index}-th actor, contents from {@code random}. */
    List<KvRecord> records(int index, Random random, Instant now);

    /** The records of every actor this workload starts, by actor id, in actor order. */
    default List<Seeded> seed(Random random, Instant now) {
        List<Seeded> actors = new ArrayList<>();
        for (int i = 0; i < actors(); i++) {
            actors.add(new Seeded(actorId(i), records(i, random, now)));
        }
        return actors;
    }

    /** The manifests its actor types' runners publish. */
    List<PreloadManifest> manifests();

    /** How many requests a full-speed scenario sends by default. */
    int fullSpeedRequests();

    /** True for the workload whose figures the others stand beside: actors with nothing to preload. */
    boolean isBaseline();

    /** One actor's records. */
    record Seeded(String actorId, List<KvRecord> records) {}

    /** 50 actors of one shape, started in turn. */
    record OfShape(ActorShape shape) implements Workload {
        static final int ACTORS = 50;

        @Override
        public String label() {
            return shape.label();
        }

        @Override
        public String actorId(int index) {
            return "e2e-%s-%03d".formatted(shape.name().toLowerCase(Locale.ROOT), index % ACTORS);
        }

        @Override
        public String actorType(int index) {
            return shape.actorType();
        }

        @Override
        public int actors() {
            return ACTORS;
        }

        @Override
        public List<KvRecord> records(int index, Random random, Instant now) {
            return shape.records(random, now);
        }

        @Override
        public List<PreloadManifest> manifests() {
            return List.of(shape.manifest());
        }

        @Override
        public int fullSpeedRequests() {
            return switch (shape) {
                case EMPTY -> 20_000;
                case SMALL -> 50_000; // long enough at the full-speed goal to be a rate, not a burst
                case MEDIUM -> 2_000;
                case LARGE -> 600;
            };
        }

        @Override
        public boolean isBaseline() {
            return shape == ActorShape.EMPTY;
        }
    }

    /**
     * 100 actors, five of each 20 the demo seeds ({@link ActorKind#ofIndex}), started in turn: about
     * 150 KiB of preload per start on average, a tenth of them about 1 MiB. The benchmark's handler
     * reads their start-up keys through the view as the demo's runners do, but its KV client answers
     * the reads the preload leaves to the store with nothing, where the demo's runners read the store
     * and check every answer.
     */
    final class DemoMix implements Workload {
        static final String NAME = "DEMO";
        static final int ACTORS = 100;

        private DemoMix() {}

        @Override
        public String label() {
            return "the demo's mix";
        }

        @Override
        public String actorId(int index) {
            return "e2e-demo-%03d".formatted(index % ACTORS);
        }

        @Override
        public String actorType(int index) {
            return ActorKind.ofIndex(index % ACTORS).actorType();
        }

        @Override
        public int actors() {
            return ACTORS;
        }

        @Override
        public List<KvRecord> records(int index, Random random, Instant now) {
            return ActorKind.ofIndex(index % ACTORS).records(random, now);
        }

        @Override
        public List<PreloadManifest> manifests() {
            return ActorKind.withManifest().stream()
                    .map(kind -> StartupKeys.manifest(kind.actorType(), ManifestValidation.DEFAULT_GLOBAL_BUDGET_BYTES))
                    .toList();
        }

        @Override
        public int fullSpeedRequests() {
            return 3_000; // the demo's burst of 3,000
        }

        @Override
        public boolean isBaseline() {
            return false;
        }
    }
}
