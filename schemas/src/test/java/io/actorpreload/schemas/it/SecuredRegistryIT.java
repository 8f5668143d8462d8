package io.actorpreload.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.registry.SchemaRegistryException;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serdes against a registry that needs TLS and basic auth: the real registry behind
 * {@link BasicAuthTlsProxy} (test code, 127.0.0.1). Right credentials and trust store work end to
 * end; wrong or missing credentials fail with an error that names the setting to fix.
 */
class SecuredRegistryIT {
    private static final String USER_INFO = "topology:s3cret";

    @TempDir
    Path workDir;

    private BasicAuthTlsProxy proxy;
    private String topic;

    @BeforeEach
    void startProxy() throws Exception {
        URI registry = URI.create(RealRegistry.url());
        proxy = BasicAuthTlsProxy.start(registry.getScheme() + "://" + registry.getAuthority(), USER_INFO, workDir);
        topic = RealRegistry.uniqueTopic("secured.commands");
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** The settings a topology or runner is given for a secured registry. */
    private Map<String, Object> settings(String userInfo) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(
                "schema.registry.url",
                proxy.baseUrl() + URI.create(RealRegistry.url()).getPath());
        settings.put(
                "schema.registry.ssl.truststore.location", proxy.trustStore().toString());
        settings.put("schema.registry.ssl.truststore.password", BasicAuthTlsProxy.STORE_PASSWORD);
        settings.put("schema.registry.ssl.truststore.type", "PKCS12");
        settings.put("schema.registry.retries", 0);
        if (userInfo != null) {
            settings.put("basic.auth.user.info", userInfo);
        }
        return settings;
    }

    private SpecificAvroSerde<StartActorCommand> serde(Map<String, Object> settings) {
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        serde.configure(settings, false);
        return serde;
    }

    @Test
    void shouldRegisterWriteAndReadThroughTheSecuredRegistryWithTheRightCredentials() {
        StartActorCommand command = SampleRecords.startActorCommand();

        byte[] bytes = serde(settings(USER_INFO)).serializer().serialize(topic, command);
        StartActorCommand read = serde(settings(USER_INFO)).deserializer().deserialize(topic, bytes);

        assertThat(read).isEqualTo(command);
        assertThat(RealRegistry.client().latest(topic + "-value").schema())
                .isEqualTo(StartActorCommand.getClassSchema());
    }

    @Test
    void shouldTakeTheCredentialsFromTheUrlWhenTheSourceIsUrl() {
        Map<String, Object> fromUrl = settings(null);
        fromUrl.put(
                "schema.registry.url",
                fromUrl.get("schema.registry.url").toString().replace("https://", "https://" + USER_INFO + "@"));
        fromUrl.put("basic.auth.credentials.source", "URL");
        StartActorCommand command = SampleRecords.startActorCommand();

        byte[] bytes = serde(fromUrl).serializer().serialize(topic, command);

        assertThat(serde(fromUrl).deserializer().deserialize(topic, bytes)).isEqualTo(command);
    }

    @Test
    void shouldSayTheCredentialsAreWrong() {
        assertThatThrownBy(() -> serde(settings("topology:wrong"))
                        .serializer()
                        .serialize(topic, SampleRecords.startActorCommand()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("check basic.auth.user.info")
                .cause()
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void shouldSayCredentialsAreMissing() {
        assertThatThrownBy(() -> serde(settings(null)).serializer().serialize(topic, SampleRecords.startActorCommand()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("check basic.auth.user.info")
                .cause()
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.httpStatus()).isEqualTo(401));
    }

    @Test
    void shouldSayTheRegistryIsNotTrustedWithoutTheTrustStore() {
        Map<String, Object> untrusted = settings(USER_INFO);
        untrusted.remove("schema.registry.ssl.truststore.location");
        untrusted.remove("schema.registry.ssl.truststore.password");
        untrusted.remove("schema.registry.ssl.truststore.type");

        assertThatThrownBy(() -> serde(untrusted).serializer().serialize(topic, SampleRecords.startActorCommand()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TLS with the registry failed: check schema.registry.ssl.truststore")
                .cause()
                .isInstanceOf(SchemaRegistryException.class);
    }
}
