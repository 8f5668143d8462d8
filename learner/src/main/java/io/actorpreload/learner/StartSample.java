package io.actorpreload.learner;

import io.actorpreload.avro.ActorStartReport;
import io.actorpreload.avro.StartupRead;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one start-up read, as the learner keeps it: each distinct get-key and each listed prefix
 * with the most bytes it returned in that start, plus the start's costs for the metrics.
 * Immutable.
 *
 * @param gets           get-keys (GET and BATCH_GET reads) and their bytes
 * @param lists          listed prefixes and their bytes
 * @param readRoundTrips the KV round trips the start's reads made
 * @param preloadedBytes bytes preloaded for the start
 * @param unusedBytes    of those, the bytes no read touched
 */
public record StartSample(
        Map<ByteKey, Long> gets, Map<ByteKey, Long> lists, int readRoundTrips, long preloadedBytes, long unusedBytes) {
    public StartSample {
        gets = Map.copyOf(Objects.requireNonNull(gets, "gets"));
        lists = Map.copyOf(Objects.requireNonNull(lists, "lists"));
    }

    /** The sample of {@code report}; reads of an unknown method are left out. */
    public static StartSample of(ActorStartReport report) {
        Map<ByteKey, Long> gets = new TreeMap<>();
        Map<ByteKey, Long> lists = new TreeMap<>();
        for (StartupRead read : report.getReads()) {
            Map<ByteKey, Long> into = switch (read.getMethod()) {
                case GET, BATCH_GET -> gets;
                case LIST_PREFIX -> lists;
                default -> null;
            };
            if (into != null) {
                into.merge(ByteKey.of(read.getKey()), Math.max(0, read.getBytesReturned()), Math::max);
            }
        }
        return new StartSample(
                gets, lists, report.getReadRoundTrips(), report.getPreloadedBytes(), report.getUnusedPreloadedBytes());
    }
}
