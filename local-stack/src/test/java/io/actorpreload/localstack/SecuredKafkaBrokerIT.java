package io.actorpreload.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer) on 127.0.0.1: the super user bootstrapped
 * at storage format administers it, a wrong password is refused, and a user created at run time is
 * refused until an ACL allows it; a restart keeps all that.
 */
class SecuredKafkaBrokerIT {
    private static final BrokerSecurity SECURITY = BrokerSecurity.scramWithRandomPassword();
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.startSecured(WorkDirs.create("secured-broker-it-"), SECURITY);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldLetTheSuperUserCreateTopicsAndGrantAccess() throws Exception {
        try (Admin admin = admin(broker.adminClientProperties())) {
            admin.createTopics(List.of(new NewTopic("secured-granted", 1, (short) 1)))
                    .all()
                    .get();
            broker.createScramUser("writer", "writer-secret");
            try (KafkaProducer<String, String> producer =
                    producer(broker.clientProperties("writer", "writer-secret"))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("secured-granted", "k", "v"))
                                .get())
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            admin.createAcls(List.of(new AclBinding(
                            new ResourcePattern(ResourceType.TOPIC, "secured-granted", PatternType.LITERAL),
                            new AccessControlEntry("User:writer", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all()
                    .get();
            try (KafkaProducer<String, String> producer =
                    producer(broker.clientProperties("writer", "writer-secret"))) {
                assertThat(producer.send(new ProducerRecord<>("secured-granted", "k", "v"))
                                .get()
                                .offset())
                        .isZero();
            }
        }
    }

    @Test
    void shouldRefuseAWrongPassword() {
        try (Admin admin = admin(broker.clientProperties(SECURITY.adminUser(), "not-the-password"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void shouldStaySecuredAcrossARestart() throws Exception {
        broker.restart();
        try (Admin admin = admin(broker.adminClientProperties())) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
        try (Admin admin = admin(broker.clientProperties(SECURITY.adminUser(), "not-the-password"))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static Admin admin(Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                Duration.ofSeconds(60).toMillis());
        return Admin.create(config);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> security) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
