package io.actorpreload.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** What the injection itself measured (e.g. how long a restarted server took to boot), for the table. */
    void note(String text) {
        note = text;
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.stack().bootstrapServers()))) {
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
                    throw new IllegalStateException("The topology's group " + ChaosStack.APPLICATION_ID + " did not have "
                            + members + " members owning partitions within " + PATIENCE.toSeconds() + " s");
                }
                Thread.sleep(250);
            }
        }
    }

    private static long assigned(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ChaosStack.APPLICATION_ID)).all().get()
                    .get(ChaosStack.APPLICATION_ID);
            if (group.groupState() != org.apache.kafka.common.GroupState.STABLE) {
                return 0;
            }
            return group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (Exception e) {
            return -1;
        }
    }
}
