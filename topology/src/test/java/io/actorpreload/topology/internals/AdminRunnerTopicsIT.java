package io.actorpreload.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.localstack.KafkaBroker;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.localstack.WorkDirs;
import io.actorpreload.topology.RunnerTopics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * The three answers of {@link AdminRunnerTopics} from real brokers: a topic that exists (with its
 * limit), one the broker says is missing, and unknown from a broker that was stopped (or an
 * address where none listens), never cached as missing.
 */
class AdminRunnerTopicsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The topology's default runner.topic.missing.confirm.ms. */
    private static final Duration CONFIRM = Duration.ofSeconds(3);

    private final LocalStack stack = SharedLocalStack.get();
    private final String topic =
            "admin-runner-topics-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldTellAnExistingTopicWithItsLimitFromAMissingOne() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(
                            List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "123456"))))
                    .all()
                    .get();
            awaitKnown(admin, topic);
            AdminRunnerTopics topics =
                    new AdminRunnerTopics(admin, TIMEOUT, Duration.ofMinutes(1), Duration.ZERO, CONFIRM);

            assertThat(topics.lookup(topic)).isEqualTo(RunnerTopics.Lookup.exists(123456));
            assertThat(topics.lookup(topic + ".missing")).isEqualTo(RunnerTopics.Lookup.missing());
        }
    }

    /**
     * A runner creates its topic and a start request for it follows at once: createTopics returns once
     * the controller has the topic, before the broker's metadata may have it, and a broker asked in
     * between says unknown topic. That answer must not be taken for a missing runner topic, which
     * dead-letters a good request. Other topics created in the same call give the broker's metadata
     * more to catch up with, as a busy cluster does; without the confirmation most of these lookups
     * answered missing.
     */
    @Test
    void shouldFindATopicAskedAboutTheMomentItWasCreated() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            List<String> created = new ArrayList<>();
            List<String> takenForMissing = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    String runnerTopic = topic + "-new-" + i;
                    List<NewTopic> batch = new ArrayList<>();
                    for (int f = 0; f < 5; f++) {
                        batch.add(new NewTopic(runnerTopic + "-other-" + f, 10, (short) 1));
                    }
                    batch.add(new NewTopic(runnerTopic, 1, (short) 1).configs(Map.of("max.message.bytes", "222222")));
                    batch.forEach(t -> created.add(t.name()));
                    admin.createTopics(batch).all().get();
                    AdminRunnerTopics topics = new AdminRunnerTopics(
                            admin, TIMEOUT, Duration.ofMinutes(1), Duration.ofMinutes(1), CONFIRM);

                    RunnerTopics.Lookup lookup = topics.lookup(runnerTopic);
                    if (!lookup.equals(RunnerTopics.Lookup.exists(222222))) {
                        takenForMissing.add(runnerTopic + ": " + lookup);
                    }
                }
            } finally {
                admin.deleteTopics(created).all().get(); // the broker is shared with the other tests
            }

            assertThat(takenForMissing).isEmpty();
        }
    }

    @Test
    void shouldAnswerUnknownNotMissingOnceTheBrokerIsStoppedButTrustATopicItKnew() throws Exception {
        // A broker of its own, to stop it.
        KafkaBroker broker = KafkaBroker.start(WorkDirs.create("admin-runner-topics-it-"));
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200))) {
            admin.createTopics(
                            List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "654321"))))
                    .all()
                    .get();
            awaitKnown(admin, topic);
            // Known topics are rechecked on every lookup.
            AdminRunnerTopics topics =
                    new AdminRunnerTopics(admin, TIMEOUT, Duration.ZERO, Duration.ofMinutes(1), CONFIRM);
            assertThat(topics.lookup(topic)).isEqualTo(RunnerTopics.Lookup.exists(654321));

            broker.close();

            RunnerTopics.Lookup never = topics.lookup(topic + ".never-seen");
            assertThat(never).isInstanceOf(RunnerTopics.Unknown.class);
            assertThat(((RunnerTopics.Unknown) never).reason()).isNotBlank();
            // Not cached as missing: asked again, unknown again.
            assertThat(topics.lookup(topic + ".never-seen")).isInstanceOf(RunnerTopics.Unknown.class);
            // A topic it found before keeps its last known limit.
            assertThat(topics.lookup(topic)).isEqualTo(RunnerTopics.Lookup.exists(654321));
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldAnswerUnknownWhenNoBrokerListens() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                freeLoopbackAddress(),
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                200))) {
            AdminRunnerTopics topics =
                    new AdminRunnerTopics(admin, TIMEOUT, Duration.ofMinutes(1), Duration.ofMinutes(1), CONFIRM);

            assertThat(topics.lookup(topic)).isInstanceOf(RunnerTopics.Unknown.class);
        }
    }

    /**
     * Waits until the broker describes {@code topic}: createTopics returns once the controller has it, and the
     * broker's metadata can lag a moment behind (the test failed once on a busy machine, answered missing).
     */
    private static void awaitKnown(Admin admin, String topic) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 300) {
                    throw new AssertionError("topic " + topic + " was created but is not described", e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** A loopback address where nothing listens. */
    private static String freeLoopbackAddress() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
