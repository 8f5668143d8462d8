package io.actorpreload.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Computes a fault's row from what was recorded: the good requests sent in its window, how many
 * commands each (actorId, generation) has on the runner topics, the keys on the start-request
 * dead-letter topic, and every handled event. Pure and stateless, so it is unit-tested on its own.
 *
 * <p>Lost: sent, no command. Duplicated: more than one command. Good dead-lettered: a sent request's
 * actor id among the dead letters. Longest stall: the largest gap between consecutive handled
 * commands inside the window. Time to resume: for each start-request partition and each runner,
 * the first command handled at or after the reference time among requests sent after the
 * injection, minus the reference time; the largest of those (the last part of the pipeline to come
 * back; the pipeline's own latency when nothing stopped), -1 when some part never resumed in the window.
 */
final class FaultAccounting {
    private FaultAccounting() {}

    /** The row of {@code window}; {@code note} and {@code checkPassed} come from the fault's own check. */
    static FaultRow account(
            FaultWindow window,
            List<SentRequest> sent,
            Map<RequestKey, Integer> commandCounts,
            Set<String> deadLetteredKeys,
            List<HandledEvent> handled,
            boolean checkPassed,
            String note) {
        Totals totals = totals(sent, commandCounts, deadLetteredKeys, handled);
        return new FaultRow(
                window.fault(),
                window.restarted(),
                sent.size(),
                totals.delivered(),
                totals.lost(),
                totals.duplicated(),
                totals.goodDeadLettered(),
                totals.handled(),
                totals.rehandled(),
                longestStall(handled, window.startMillis(), window.endMillis()),
                resume(window, sent, handled),
                checkPassed,
                note);
    }

    /** The counts over {@code sent}: used for each row and for the run's final line. */
    static Totals totals(
            Collection<SentRequest> sent,
            Map<RequestKey, Integer> commandCounts,
            Set<String> deadLetteredKeys,
            List<HandledEvent> handled) {
        Map<RequestKey, Integer> handledCounts = new HashMap<>();
        for (HandledEvent event : handled) {
            handledCounts.merge(event.key(), 1, Integer::sum);
        }
        int delivered = 0;
        int duplicated = 0;
        int goodDeadLettered = 0;
        int handledOnce = 0;
        int rehandled = 0;
        for (SentRequest request : sent) {
            int commands = commandCounts.getOrDefault(request.key(), 0);
            delivered += commands > 0 ? 1 : 0;
            duplicated += commands > 1 ? 1 : 0;
            goodDeadLettered += deadLetteredKeys.contains(request.key().actorId()) ? 1 : 0;
            int calls = handledCounts.getOrDefault(request.key(), 0);
            handledOnce += calls > 0 ? 1 : 0;
            rehandled += Math.max(0, calls - 1);
        }
        return new Totals(
                sent.size(), delivered, sent.size() - delivered, duplicated, goodDeadLettered, handledOnce, rehandled);
    }

    /** The largest gap (ms) between consecutive handled commands within [from, to]; 0 with fewer than two. */
    static long longestStall(List<HandledEvent> handled, long from, long to) {
        long[] times = handled.stream()
                .mapToLong(HandledEvent::handledAtMillis)
                .filter(t -> t >= from && t <= to)
                .sorted()
                .toArray();
        long longest = 0;
        for (int i = 1; i < times.length; i++) {
            longest = Math.max(longest, times[i] - times[i - 1]);
        }
        return longest;
    }

    /** The time to resume (see the class comment); -1 when a partition or runner has no handled command after it. */
    static long resume(FaultWindow window, List<SentRequest> sent, List<HandledEvent> handled) {
        Map<RequestKey, SentRequest> after = new HashMap<>();
        for (SentRequest request : sent) {
            if (request.sentAtMillis() >= window.injectedAtMillis()) {
                after.put(request.key(), request);
            }
        }
        if (after.isEmpty()) {
            return -1;
        }
        long byPartition = latestFirst(window, after, handled, request -> "partition-" + request.partition());
        long byRunner = latestFirst(window, after, handled, request -> "runner-" + request.runnerId());
        return byPartition < 0 || byRunner < 0 ? -1 : Math.max(byPartition, byRunner);
    }

    /** Over the groups of {@code after}, the largest (first handled time - reference); -1 if a group has none. */
    private static long latestFirst(
            FaultWindow window,
            Map<RequestKey, SentRequest> after,
            List<HandledEvent> handled,
            Function<SentRequest, String> group) {
        Set<String> groups = new HashSet<>();
        after.values().forEach(request -> groups.add(group.apply(request)));
        Map<String, Long> first = new HashMap<>();
        List<HandledEvent> sorted = new ArrayList<>(handled);
        sorted.sort(Comparator.comparingLong(HandledEvent::handledAtMillis));
        for (HandledEvent event : sorted) {
            SentRequest request = after.get(event.key());
            if (request != null && event.handledAtMillis() >= window.referenceMillis()) {
                first.putIfAbsent(group.apply(request), event.handledAtMillis());
            }
        }
        if (!first.keySet().containsAll(groups)) {
            return -1;
        }
        return first.values().stream()
                .mapToLong(t -> t - window.referenceMillis())
                .max()
                .orElse(-1);
    }

    /** Counts over a set of good requests. */
    record Totals(
            int sent, int delivered, int lost, int duplicated, int goodDeadLettered, int handled, int rehandled) {}
}
