package io.actorpreload.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.localstack.LocalStack;
import io.actorpreload.localstack.SharedLocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A runner whose ACLs are missing, on the secured shared stack (SASL/SCRAM, StandardAuthorizer):
 * {@link RunnerClient#start} fails at once with an error that names the principal, the resource and
 * the operation it may not perform, instead of starting a consumer that fails or retries later.
 * Each test is bounded by its own timeout, never timed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunnerAccessDeniedIT {
    private final LocalStack stack = SharedLocalStack.secured();
    private final String runnerId = "acl-" + UUID.randomUUID().toString().substring(0, 8);
    private final String user = "runner-" + runnerId;
    private final String principal = "User:" + user;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Admin admin;
    private RunnerConfig config;

    @BeforeEach
    void setUp() {
        Map<String, Object> adminProps = new HashMap<>(stack.broker().adminClientProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        admin = Admin.create(adminProps);
        stack.broker().createScramUser(user, "secret-" + runnerId);
        config = RunnerConfig.builder(runnerId, stack.bootstrapServers(), stack.schemaRegistryUrl())
                .clientProperties(stack.broker().clientProperties(user, "secret-" + runnerId))
                .adminTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        admin.close();
    }

    @Test
    void shouldRefuseToStartWithoutAnyAclNamingPrincipalTopicAndOperation() {
        assertThatThrownBy(() -> start())
                .isInstanceOf(RunnerAccessDeniedException.class)
                .hasMessageContaining(principal)
                .hasMessageContaining(config.commandTopic())
                .hasMessageContaining("CREATE");
    }

    @Test
    void shouldRefuseToStartWhenItMayNotReadItsCommandTopic() throws Exception {
        createTopics();
        allow(
                ResourceType.TOPIC,
                config.commandTopic(),
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allowDeadLettersAndGroup();
        assertThatThrownBy(() -> start())
                .isInstanceOf(RunnerAccessDeniedException.class)
                .hasMessageContaining(principal)
                .hasMessageContaining(config.commandTopic())
                .hasMessageContaining("READ");
    }

    @Test
    void shouldRefuseToStartWhenItMayNotUseItsGroup() throws Exception {
        createTopics();
        allow(
                ResourceType.TOPIC,
                config.commandTopic(),
                AclOperation.READ,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allow(
                ResourceType.TOPIC,
                config.deadLetterTopic(),
                AclOperation.READ,
                AclOperation.WRITE,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        assertThatThrownBy(() -> start())
                .isInstanceOf(RunnerAccessDeniedException.class)
                .hasMessageContaining(principal)
                .hasMessageContaining(config.groupId())
                .hasMessageContaining("READ");
    }

    @Test
    void shouldRefuseToStartWhenItMayNotWriteItsDeadLetters() throws Exception {
        createTopics();
        allow(
                ResourceType.TOPIC,
                config.commandTopic(),
                AclOperation.READ,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allow(
                ResourceType.TOPIC,
                config.deadLetterTopic(),
                AclOperation.READ,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allow(ResourceType.GROUP, config.groupId(), AclOperation.READ);
        assertThatThrownBy(() -> start())
                .isInstanceOf(RunnerAccessDeniedException.class)
                .hasMessageContaining(principal)
                .hasMessageContaining(config.deadLetterTopic())
                .hasMessageContaining("WRITE");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldStopRatherThanRetryWhenItsDeadLettersAreRefusedWhileRunning() throws Exception {
        allow(
                ResourceType.TOPIC,
                config.commandTopic(),
                AclOperation.READ,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allowDeadLettersAndGroup();
        RunnerClient client = RunnerClient.start(config, actorId -> new InMemoryKvClient(), startup -> {});
        toClose.add(client);
        admin.deleteAcls(List.of(new AclBindingFilter(
                        new ResourcePatternFilter(ResourceType.TOPIC, config.deadLetterTopic(), PatternType.LITERAL),
                        new AccessControlEntryFilter(principal, null, AclOperation.WRITE, AclPermissionType.ALLOW))))
                .all()
                .get();
        Map<String, Object> producerProps = new HashMap<>(stack.broker().adminClientProperties());
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            // Undecodable: dead-lettered at once, so the refused write comes first.
            producer.send(new ProducerRecord<>(config.commandTopic(), "k".getBytes(), "not a command".getBytes()))
                    .get();
        }
        while (client.isRunning()) {
            Thread.sleep(100); // bounded by the test's timeout: a runner that retries for ever fails it
        }
        assertThat(client.failure()).containsInstanceOf(RunnerAccessDeniedException.class);
        assertThat(client.health()).isEqualTo(RunnerHealth.FAILED);
        assertThat(client.health().isLive())
                .as("a liveness probe fails: restart the runner")
                .isFalse();
        assertThat(client.failure().orElseThrow().getMessage()).contains(principal, config.deadLetterTopic(), "WRITE");
        assertThat(client.metrics().deadLettered()).isZero();
    }

    private void start() {
        RunnerClient client = RunnerClient.start(config, actorId -> new InMemoryKvClient(), startup -> {});
        toClose.add(client);
    }

    private void createTopics() throws Exception {
        admin.createTopics(List.of(
                        new NewTopic(config.commandTopic(), 1, (short) 1),
                        new NewTopic(config.deadLetterTopic(), 1, (short) 1)))
                .all()
                .get();
    }

    private void allowDeadLettersAndGroup() throws Exception {
        allow(
                ResourceType.TOPIC,
                config.deadLetterTopic(),
                AclOperation.READ,
                AclOperation.WRITE,
                AclOperation.DESCRIBE,
                AclOperation.CREATE,
                AclOperation.DESCRIBE_CONFIGS);
        allow(ResourceType.GROUP, config.groupId(), AclOperation.READ);
    }

    private void allow(ResourceType type, String name, AclOperation... operations) throws Exception {
        List<AclBinding> bindings = new ArrayList<>();
        for (AclOperation operation : operations) {
            bindings.add(new AclBinding(
                    new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
        }
        admin.createAcls(bindings).all().get();
    }
}
