package io.actorpreload.learner;

import io.actorpreload.avro.PrefixRequest;
import io.actorpreload.avro.PreloadManifest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Derives an actor type's manifest from its recent start-ups, and decides when to publish it
 * (docs/ARCHITECTURE.md, "Learned manifests"). Pure: no Kafka, no clock, no state of its own, so
 * every rule is unit-tested; the learner topology keeps the {@link LearnerState} in a store.
 *
 * <p>The derivation, over the window of the type's last {@code windowStarts} starts:
 * <ol>
 *   <li>A get-key or listed prefix is a candidate when it was read in at least {@code keyShare} of
 *       the starts; one already in the learned manifest stays until its share falls below
 *       {@code keyShare * (1 - hysteresis)}.
 *   <li>A get-key costs the most bytes it returned (0 when always absent: an absent key costs the
 *       preload nothing). A prefix asks {@code prefixHeadroom} times the most it returned, rounded up
 *       to a power of two, at least {@value #MIN_PREFIX_BYTES} bytes.
 *   <li>Candidates are taken in order of round trips saved per byte (share / cost), each while it
 *       fits the budget that remains; a prefix that no longer fits whole gets what remains as a
 *       <em>partial</em> prefix (its head answers point reads; its listing still reads the store),
 *       when that is at least {@value #MIN_PREFIX_BYTES} bytes. The sum asked never exceeds the
 *       budget.
 * </ol>
 *
 * <p>When, per {@link #onStart}: never for a type whose manifest in force is declared and not
 * marked {@code learn} (the runner's manifest is authoritative); not before the window holds
 * {@code minStarts} starts, nor within {@code minStarts} starts of the last publication; and only
 * when the derived manifest differs materially from the last learned one (other keys or prefixes,
 * another size bucket or partial flag; an order change alone is not material). Learned manifests
 * carry {@code learnedVersion} (the last one's plus 1) and {@code learn = true}.
 *
 * <p>Thread-safe (immutable).
 */
public final class ManifestLearner {
    /** The least a learned prefix asks for: an empty listing must still be asked for to be answered. */
    public static final long MIN_PREFIX_BYTES = 1024;

    private final LearnerSettings settings;

    public ManifestLearner(LearnerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public LearnerSettings settings() {
        return settings;
    }

    /**
     * What to do after one start of a type.
     *
     * @param state   the new state to keep
     * @param publish the manifest to publish, if any
     * @param reason  why (for logs and tests): {@code published}, {@code declared}, {@code warming-up},
     *                {@code settling}, {@code unchanged}, {@code nothing-to-learn}
     */
    public record Decision(LearnerState state, Optional<PreloadManifest> publish, String reason) {}

    /** True when the learner may publish over {@code inForce}: none, a learned one, or a declared one marked learn. */
    public static boolean learnable(PreloadManifest inForce) {
        return inForce == null || inForce.getLearnedVersion() != null || Boolean.TRUE.equals(inForce.getLearn());
    }

    /**
     * @param actorName the type
     * @param state     what was kept for it ({@link LearnerState#empty()} at first)
     * @param sample    the start just reported
     * @param inForce   the type's manifest on the manifest topic now, or null when it has none
     */
    public Decision onStart(String actorName, LearnerState state, StartSample sample, PreloadManifest inForce) {
        LearnerState next = state.withStart(sample, settings.windowStarts());
        if (!learnable(inForce)) {
            return new Decision(next, Optional.empty(), "declared");
        }
        if (next.window().size() < settings.minStarts()) {
            return new Decision(next, Optional.empty(), "warming-up");
        }
        PreloadManifest previous = next.lastLearned() != null
                ? next.lastLearned()
                : inForce != null && inForce.getLearnedVersion() != null ? inForce : null;
        if (next.lastLearned() != null && next.startsSincePublish() < settings.minStarts()) {
            return new Decision(next, Optional.empty(), "settling");
        }
        PreloadManifest derived = derive(actorName, next.window(), previous);
        if (previous == null
                && derived.getGetKeys().isEmpty()
                && derived.getPrefixes().isEmpty()) {
            return new Decision(next, Optional.empty(), "nothing-to-learn");
        }
        if (previous != null && sameContent(previous, derived)) {
            return new Decision(next, Optional.empty(), "unchanged");
        }
        long version = Math.max(versionOf(next.lastLearned()), versionOf(inForce)) + 1;
        PreloadManifest learned = PreloadManifest.newBuilder(derived)
                .setLearnedVersion(version)
                .setLearn(true)
                .build();
        return new Decision(next.published(learned), Optional.of(learned), "published");
    }

    /**
     * The manifest the window asks for (without version or learn mark).
     *
     * @param previous the learned manifest in force, for the hysteresis; null for none
     */
    public PreloadManifest derive(String actorName, List<StartSample> window, PreloadManifest previous) {
        Map<ByteKey, Counted> gets = new TreeMap<>();
        Map<ByteKey, Counted> lists = new TreeMap<>();
        for (StartSample sample : window) {
            sample.gets()
                    .forEach((key, bytes) ->
                            gets.computeIfAbsent(key, k -> new Counted()).add(bytes));
            sample.lists()
                    .forEach((key, bytes) ->
                            lists.computeIfAbsent(key, k -> new Counted()).add(bytes));
        }
        Set<ByteKey> previousGets = new HashSet<>();
        Set<ByteKey> previousPrefixes = new HashSet<>();
        if (previous != null) {
            previous.getGetKeys().forEach(key -> previousGets.add(ByteKey.of(key)));
            previous.getPrefixes().forEach(prefix -> previousPrefixes.add(ByteKey.of(prefix.getPrefix())));
        }
        List<Candidate> candidates = new ArrayList<>();
        int starts = window.size();
        gets.forEach((key, counted) -> {
            if (qualifies(counted.starts, starts, previousGets.contains(key))) {
                candidates.add(new Candidate(key, false, (double) counted.starts / starts, counted.maxBytes));
            }
        });
        lists.forEach((key, counted) -> {
            if (qualifies(counted.starts, starts, previousPrefixes.contains(key))) {
                candidates.add(new Candidate(key, true, (double) counted.starts / starts, prefixAsk(counted.maxBytes)));
            }
        });
        candidates.sort(Comparator.comparingDouble(Candidate::savedPerByte)
                .reversed()
                .thenComparing(Candidate::prefix)
                .thenComparing(Candidate::key));
        long remaining = settings.budgetBytes();
        List<java.nio.ByteBuffer> getKeys = new ArrayList<>();
        List<PrefixRequest> prefixes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (!candidate.prefix()) {
                if (candidate.cost() <= remaining) {
                    getKeys.add(candidate.key().toBuffer());
                    remaining -= candidate.cost();
                }
            } else if (candidate.cost() <= remaining) {
                prefixes.add(new PrefixRequest(candidate.key().toBuffer(), candidate.cost(), false));
                remaining -= candidate.cost();
            } else if (remaining >= MIN_PREFIX_BYTES) {
                prefixes.add(new PrefixRequest(candidate.key().toBuffer(), remaining, true));
                remaining = 0;
            }
        }
        return PreloadManifest.newBuilder()
                .setActorName(actorName)
                .setGetKeys(getKeys)
                .setPrefixes(prefixes)
                .setMaxTotalBytes(settings.budgetBytes())
                .setLearnedVersion(null)
                .setLearn(null)
                .build();
    }

    private boolean qualifies(int seen, int starts, boolean alreadyIn) {
        double threshold = alreadyIn ? settings.keyShare() * (1 - settings.hysteresis()) : settings.keyShare();
        return seen >= threshold * starts;
    }

    /** Headroom over the most a prefix returned, rounded up to a power of two. */
    long prefixAsk(long maxBytes) {
        double wanted = Math.ceil(maxBytes * settings.prefixHeadroom());
        long ask = MIN_PREFIX_BYTES;
        while (ask < wanted && ask < Long.MAX_VALUE / 2) {
            ask <<= 1;
        }
        return ask;
    }

    /** Same keys, same prefixes with the same size and partial flag, same budget; order aside. */
    static boolean sameContent(PreloadManifest a, PreloadManifest b) {
        return keySet(a).equals(keySet(b))
                && prefixMap(a).equals(prefixMap(b))
                && a.getMaxTotalBytes() == b.getMaxTotalBytes();
    }

    private static Set<ByteKey> keySet(PreloadManifest manifest) {
        Set<ByteKey> keys = new HashSet<>();
        manifest.getGetKeys().forEach(key -> keys.add(ByteKey.of(key)));
        return keys;
    }

    private static Map<ByteKey, String> prefixMap(PreloadManifest manifest) {
        Map<ByteKey, String> prefixes = new HashMap<>();
        manifest.getPrefixes()
                .forEach(p -> prefixes.put(ByteKey.of(p.getPrefix()), p.getMaxBytes() + "/" + p.getPartial()));
        return prefixes;
    }

    private static long versionOf(PreloadManifest manifest) {
        return manifest == null || manifest.getLearnedVersion() == null ? 0 : manifest.getLearnedVersion();
    }

    private static final class Counted {
        int starts;
        long maxBytes;

        void add(long bytes) {
            starts++;
            maxBytes = Math.max(maxBytes, bytes);
        }
    }

    private record Candidate(ByteKey key, boolean prefix, double share, long cost) {
        double savedPerByte() {
            return share / Math.max(1, cost);
        }
    }
}
