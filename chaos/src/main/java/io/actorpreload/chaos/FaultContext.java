package io.actorpreload.chaos;

import io.actorpreload.avro.PreloadStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * What a {@link Fault} acts on: the running stack, the poison sender, and a wait for the
 * topology's group. Used by the harness's main thread.
 */
final class FaultContext {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration SETTLED = Duration.ofSeconds(5);

    private final ChaosStack stack;
    private final PoisonSender poison;
    private String note = "";
    private List<SentRequest> windowRequests = List.of();
    private long injectedMillis;
    private long referenceMillis;

    FaultContext(ChaosStack stack, PoisonSender poison) {
        this.stack = stack;
        this.poison = poison;
    }

    ChaosStack stack() {
        return stack;
    }

    PoisonSender poison() {
        return poison;
    }

    private long restartedMillis;

    /** Records when the injection started its failed processes again (epoch ms). */
    void restarted(long millis) {
        restartedMillis = millis;
    }

    /** When the current injection started its failed processes again (epoch ms); set by {@link #restarted}. */
    long restartedMillis() {
        return restartedMillis;
    }

    /** What the injection itself measured (e.g. how long a restarted server took to boot), for the table. */
    void note(String text) {
        note = text;
    }

    /**
     * The window being checked, set by the harness before it checks: its good requests, when the
     * fault was injected, and the time its resume counts from (the restart, or the injection), epoch ms.
     */
    void window(List<SentRequest> requests, long injected, long reference) {
        windowRequests = List.copyOf(requests);
        injectedMillis = injected;
        referenceMillis = reference;
    }

    /** When the checked window's fault was injected (epoch ms). */
    long injectedMillis() {
        return injectedMillis;
    }

    /**
     * When the first request of the window sent at or after {@code millis} was handled (epoch ms);
     * empty when none was.
     */
    OptionalLong firstHandledOfSentFrom(long millis) {
        Set<RequestKey> keys = new HashSet<>(sentFrom(millis));
        return stack.handled().refresh().stream()
                .filter(event -> keys.contains(event.key()))
                .mapToLong(HandledEvent::handledAtMillis)
                .min();
    }

    /** When the checked window's fault was restarted or injected (epoch ms). */
    long referenceMillis() {
        return referenceMillis;
    }

    /**
     * The preload status each good request of the window was handled with (its first handling), by
     * when the request was sent: the statuses a store fault's check looks at.
     */
    Map<RequestKey, PreloadStatus> windowStatuses() {
        Map<RequestKey, PreloadStatus> statuses = new HashMap<>();
        for (HandledEvent event : stack.handled().refresh()) {
            statuses.putIfAbsent(event.key(), event.status());
        }
        Map<RequestKey, PreloadStatus> window = new LinkedHashMap<>();
        windowRequests.stream()
                .sorted(Comparator.comparingLong(SentRequest::sentAtMillis))
                .filter(request -> statuses.containsKey(request.key()))
                .forEach(request -> window.put(request.key(), statuses.get(request.key())));
        return window;
    }

    /** The good requests of the window sent at or after {@code millis} (epoch ms). */
    List<RequestKey> sentFrom(long millis) {
        return windowRequests.stream()
                .filter(request -> request.sentAtMillis() >= millis)
                .map(SentRequest::key)
                .toList();
    }

    /** The note of the last injection, cleared by reading it. */
    String takeNote() {
        String text = note;
        note = "";
        return text;
    }

    /**
     * Waits until {@code members} topology instances each own at least one partition and the group
     * stayed stable so for {@link #SETTLED}: Kafka Streams follows a join with probing rebalances,
     * and a member killed during one stalls the whole group, which is another fault than this one.
     */
    void awaitTopologyMembersWithTasks(int members) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long settledSince = Long.MAX_VALUE;
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.stack().bootstrapServers()))) {
            while (true) {
                if (assigned(admin) >= members) {
                    settledSince = Math.min(settledSince, System.nanoTime());
                    if (System.nanoTime() - settledSince >= SETTLED.toNanos()) {
                        return;
                    }
                } else {
                    settledSince = Long.MAX_VALUE;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "The topology's group " + ChaosStack.APPLICATION_ID + " did not have " + members
                                    + " members owning partitions within " + PATIENCE.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        }
    }

    private static long assigned(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ChaosStack.APPLICATION_ID))
                    .all()
                    .get()
                    .get(ChaosStack.APPLICATION_ID);
            if (group.groupState() != org.apache.kafka.common.GroupState.STABLE) {
                return 0;
            }
            return group.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .count();
        } catch (Exception e) {
            return -1;
        }
    }
}
