package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.localstack.ChildProcess;
import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import io.actorpreload.localstack.WorkDirs;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runner process killed (SIGKILL, by its own PID) while it starts an actor, and either started
 * again or replaced by a peer of the same group: every command is handled exactly once across the
 * kill, counted at the handler. The time until the work resumed is measured and logged, never asserted.
 */
class RunnerRestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerRestartIT.class);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int COMMANDS = 200;
    private static final String BLOCKING_ACTOR = actor(100);

    private final LocalStack stack = SharedLocalStack.get();
    private final String runnerId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    private final RunnerConfig config = RunnerConfig.builder(
                    runnerId, stack.bootstrapServers(), stack.schemaRegistryUrl())
            .build();
    private final List<ChildProcess> children = new ArrayList<>();

    @AfterEach
    void stopChildren() {
        children.forEach(ChildProcess::stop);
    }

    @Test
    void shouldHandleEveryCommandExactlyOnceAcrossAKilledRunner() throws Exception {
        Path workDir = WorkDirs.create("runner-restart-");
        Path handled = workDir.resolve("handled.txt");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Killed killed = killWhileBlocked(admin, workDir, handled, OffsetCommits.EACH_COMMAND);
            int handledBeforeKill = killed.handledBefore().size();
            long killedAt = killed.atNanos();

            ChildProcess second = startRunner(workDir, "second", "-", handled, "-");
            long startedAt = System.nanoTime();
            await("the second runner's first command", () -> lines(handled).size() > handledBeforeKill, second);
            long resumedAt = System.nanoTime();
            List<MemberDescription> members = members(admin);
            await(
                    "all " + COMMANDS + " commands handled",
                    () -> new HashSet<>(lines(handled)).size() >= COMMANDS,
                    second);
            await("every offset committed", () -> uncommitted(admin) == 0, second);
            second.stop();

            LOG.info(
                    "Runner restart after SIGKILL: {} commands handled before the kill; the new process handled its "
                            + "first command {} ms after the kill, {} ms after it was launched",
                    handledBeforeKill,
                    (resumedAt - killedAt) / 1_000_000,
                    (resumedAt - startedAt) / 1_000_000);

            List<String> all = lines(handled);
            Set<String> expected = IntStream.rangeClosed(1, COMMANDS)
                    .mapToObj(i -> actor(i) + "/1")
                    .collect(Collectors.toSet());
            assertThat(duplicates(all)).as("commands handled twice").isEmpty();
            assertThat(new HashSet<>(all)).as("commands handled").isEqualTo(expected);
            assertThat(members)
                    .extracting(m -> m.groupInstanceId().orElse("<none>"))
                    .containsExactly(runnerId);
        }
    }

    /** The trade {@link OffsetCommits#EACH_POLL} makes, counted: a kill repeats only what its last poll handled. */
    @Test
    void shouldRepeatOnlyTheLastPollsCommandsOfAKilledRunnerThatCommitsEachPoll() throws Exception {
        Path workDir = WorkDirs.create("runner-restart-poll-");
        Path handled = workDir.resolve("handled.txt");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            Set<String> handledBeforeKill =
                    new HashSet<>(killWhileBlocked(admin, workDir, handled, OffsetCommits.EACH_POLL)
                            .handledBefore());

            ChildProcess second = startRunner(workDir, "second", "-", handled, "-", OffsetCommits.EACH_POLL);
            await(
                    "all " + COMMANDS + " commands handled",
                    () -> new HashSet<>(lines(handled)).size() >= COMMANDS,
                    second);
            await("every offset committed", () -> uncommitted(admin) == 0, second);
            second.stop();

            List<String> all = lines(handled);
            LOG.info(
                    "Runner restart after SIGKILL, one commit per poll: {} commands handled before the kill, {} of "
                            + "them handled again",
                    handledBeforeKill.size(),
                    duplicates(all).size());
            assertThat(new HashSet<>(all))
                    .as("commands handled")
                    .isEqualTo(IntStream.rangeClosed(1, COMMANDS)
                            .mapToObj(i -> actor(i) + "/1")
                            .collect(Collectors.toSet()));
            assertThat(duplicates(all))
                    .as("commands handled twice")
                    .doesNotHaveDuplicates()
                    .allSatisfy(command -> assertThat(handledBeforeKill).contains(command));
        }
    }

    @Test
    void shouldLetAPeerTakeOverTheCommandsOfAKilledRunnerThatDoesNotComeBack() throws Exception {
        Path workDir = WorkDirs.create("runner-peer-");
        Path handled = workDir.resolve("handled.txt");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(config.commandTopic(), Optional.of(2), Optional.empty())))
                    .all()
                    .get();
            Map<String, ChildProcess> byInstance = Map.of(
                    runnerId + "-a", startRunner(workDir, "a", runnerId + "-a", handled, BLOCKING_ACTOR),
                    runnerId + "-b", startRunner(workDir, "b", runnerId + "-b", handled, BLOCKING_ACTOR));
            ChildProcess any = byInstance.values().iterator().next();
            // Both own a partition before the commands come, so no rebalance waits for a blocked member.
            await("both runners to own a partition", () -> assignedMembers(admin) == 2, any);
            sendCommands();

            Path marker = Path.of(handled + ".blocked");
            await("a runner to reach " + BLOCKING_ACTOR, () -> Files.exists(marker) && size(marker) > 0, any);
            String blockedInstance = Files.readString(marker, StandardCharsets.UTF_8);
            ChildProcess blocked = byInstance.get(blockedInstance);
            ChildProcess peer = byInstance.entrySet().stream()
                    .filter(e -> !e.getKey().equals(blockedInstance))
                    .findFirst()
                    .orElseThrow()
                    .getValue();
            blocked.handle().destroyForcibly();
            await("the blocked runner to die", () -> !blocked.isAlive(), blocked);
            long killedAt = System.nanoTime();
            blocked.stop();

            await(BLOCKING_ACTOR + " handled by the peer", () -> lines(handled).contains(BLOCKING_ACTOR + "/1"), peer);
            long takenOverAt = System.nanoTime();
            await(
                    "all " + COMMANDS + " commands handled",
                    () -> new HashSet<>(lines(handled)).size() >= COMMANDS,
                    peer);
            await("every offset committed", () -> uncommitted(admin) == 0, peer);
            peer.stop();

            LOG.info(
                    "Peer takeover after SIGKILL: the peer handled the killed runner's blocked command {} ms after the "
                            + "kill (session timeout {} ms)",
                    (takenOverAt - killedAt) / 1_000_000,
                    config.sessionTimeout().toMillis());

            List<String> all = lines(handled);
            assertThat(duplicates(all)).as("commands handled twice").isEmpty();
            assertThat(new HashSet<>(all))
                    .as("commands handled")
                    .isEqualTo(IntStream.rangeClosed(1, COMMANDS)
                            .mapToObj(i -> actor(i) + "/1")
                            .collect(Collectors.toSet()));
        }
    }

    /** What a runner had handled when it was killed, and when it died (System.nanoTime). */
    private record Killed(List<String> handledBefore, long atNanos) {}

    /** Sends the commands to a runner of one partition and kills it (SIGKILL) while its handler blocks at BLOCKING_ACTOR. */
    private Killed killWhileBlocked(Admin admin, Path workDir, Path handled, OffsetCommits commits) throws Exception {
        // The topic exists before the first runner polls, so it finds every command at once.
        admin.createTopics(List.of(new NewTopic(config.commandTopic(), Optional.of(1), Optional.empty())))
                .all()
                .get();
        sendCommands();
        ChildProcess first = startRunner(workDir, "first", "-", handled, BLOCKING_ACTOR, commits);
        await("the first runner to reach " + BLOCKING_ACTOR, () -> Files.exists(Path.of(handled + ".blocked")), first);
        List<String> handledBefore = lines(handled);
        first.handle().destroyForcibly();
        await("the first runner to die", () -> !first.isAlive(), first);
        long killedAt = System.nanoTime();
        first.stop();
        return new Killed(handledBefore, killedAt);
    }

    private static String actor(int i) {
        return String.format("actor-%04d", i);
    }

    private void sendCommands() throws Exception {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, stack.schemaRegistryUrl()), false);
        try (KafkaProducer<String, StartActorCommand> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                serde.serializer())) {
            for (int i = 1; i <= COMMANDS; i++) {
                StartActorCommand command = StartActorCommand.newBuilder()
                        .setActorId(actor(i))
                        .setGeneration(1)
                        .setNamespace("ns")
                        .setActorName("counter")
                        .setRunnerId(runnerId)
                        .setRequestedAt(Instant.now())
                        .setPreloadedKv(null)
                        .setPreloadStatus(PreloadStatus.NO_MANIFEST)
                        .build();
                producer.send(new ProducerRecord<>(config.commandTopic(), actor(i), command));
            }
            producer.flush();
        }
    }

    private ChildProcess startRunner(Path workDir, String name, String instanceId, Path handled, String blockAt) {
        return startRunner(workDir, name, instanceId, handled, blockAt, OffsetCommits.EACH_COMMAND);
    }

    private ChildProcess startRunner(
            Path workDir, String name, String instanceId, Path handled, String blockAt, OffsetCommits commits) {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                absolute(System.getProperty("java.class.path")),
                RunnerProcess.class.getName(),
                stack.bootstrapServers(),
                stack.schemaRegistryUrl(),
                runnerId,
                instanceId,
                handled.toString(),
                blockAt,
                commits.name());
        ChildProcess child = ChildProcess.start("runner " + name, command, workDir, workDir.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private List<MemberDescription> members(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.groupId()))
                .all()
                .get()
                .get(config.groupId());
        return new ArrayList<>(group.members());
    }

    /** Members of the runner's group that own at least one partition; -1 while the group cannot be described. */
    private long assignedMembers(Admin admin) {
        try {
            return members(admin).stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .count();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Offsets of the command topic not yet committed by the runner's group, over all its partitions. */
    private long uncommitted(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get();
            List<TopicPartition> partitions = admin
                    .describeTopics(List.of(config.commandTopic()))
                    .allTopicNames()
                    .get()
                    .get(config.commandTopic())
                    .partitions()
                    .stream()
                    .map(p -> new TopicPartition(config.commandTopic(), p.partition()))
                    .collect(Collectors.toList());
            Map<TopicPartition, OffsetSpec> latest =
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            long behind = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                behind += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return behind;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> duplicates(List<String> all) {
        Set<String> seen = new HashSet<>();
        return all.stream().filter(line -> !seen.add(line)).collect(Collectors.toList());
    }

    private static void await(String what, BooleanSupplier condition, ChildProcess child) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gave up waiting for " + what + " after " + PATIENCE + ". " + child.logTail());
            }
            Thread.sleep(20);
        }
    }
}
