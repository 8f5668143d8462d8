package io.actorpreload.localstack;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a secured {@link KafkaBroker} authenticates and authorizes: one SASL_PLAINTEXT listener with
 * SCRAM-SHA-512 for clients, Kafka's KRaft {@code StandardAuthorizer} (no ACL, no access) and one
 * super user for administration, whose SCRAM credential is written when the KRaft storage is
 * formatted. The controller listener authenticates the node to itself with SASL/PLAIN as the same
 * super user (KRaft does not offer SCRAM on the controller listener); nothing listens unauthenticated.
 * Further users are created at run time with {@link KafkaBroker#createScramUser}.
 *
 * <p>Immutable. Names and passwords are limited to {@code [A-Za-z0-9._-]}, so they can be written
 * into JAAS settings and the storage tool's argument without quoting rules.
 */
public final class BrokerSecurity {
    /** The SASL mechanism of the client listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The client listener's security protocol. */
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    /** The authorizer the broker runs. */
    public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private static final Pattern PLAIN_TEXT = Pattern.compile("[A-Za-z0-9._-]+");

    private final String adminUser;
    private final String adminPassword;

    private BrokerSecurity(String adminUser, String adminPassword) {
        this.adminUser = requirePlain(adminUser, "adminUser");
        this.adminPassword = requirePlain(adminPassword, "adminPassword");
    }

    /** SCRAM with {@code adminUser} as super user. */
    public static BrokerSecurity scram(String adminUser, String adminPassword) {
        return new BrokerSecurity(adminUser, adminPassword);
    }

    /** SCRAM with the super user {@code admin} and a random password. */
    public static BrokerSecurity scramWithRandomPassword() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return new BrokerSecurity("admin", HexFormat.of().formatHex(secret));
    }

    /** The super user's name. */
    public String adminUser() {
        return adminUser;
    }

    /** The super user's principal, {@code User:<adminUser>}. */
    public String adminPrincipal() {
        return "User:" + adminUser;
    }

    /** Client settings (security protocol, mechanism, JAAS) that authenticate as the super user. */
    public Map<String, Object> adminClientProperties() {
        return clientProperties(adminUser, adminPassword);
    }

    /**
     * Client settings that authenticate as {@code user}: {@code security.protocol}, {@code sasl.mechanism}
     * and {@code sasl.jaas.config}, the keys every Kafka client (producer, consumer, admin, Streams) takes.
     */
    public static Map<String, Object> clientProperties(String user, String password) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL);
        props.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        props.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                scramJaas(requirePlain(user, "user"), requirePlain(password, "password")));
        return props;
    }

    /** The broker settings that replace the plain listeners. */
    Map<String, String> serverSettings(int port, int controllerPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        settings.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        settings.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        settings.put("sasl.enabled.mechanisms", MECHANISM);
        settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        settings.put("listener.name.sasl_plaintext.sasl.enabled.mechanisms", MECHANISM);
        settings.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", scramJaas(adminUser, adminPassword));
        settings.put("sasl.mechanism.controller.protocol", "PLAIN");
        settings.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        settings.put(
                "listener.name.controller.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + adminUser
                        + "\" password=\"" + adminPassword + "\" user_" + adminUser + "=\"" + adminPassword + "\";");
        settings.put("authorizer.class.name", AUTHORIZER);
        settings.put("super.users", adminPrincipal());
        settings.put("allow.everyone.if.no.acl.found", "false");
        return settings;
    }

    /** The storage tool's arguments that bootstrap the super user's SCRAM credential. */
    List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + adminUser + ",password=" + adminPassword + "]");
    }

    private static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String requirePlain(String value, String name) {
        Objects.requireNonNull(value, name);
        if (!PLAIN_TEXT.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " may contain only [A-Za-z0-9._-]. Got: '" + value + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "BrokerSecurity[" + PROTOCOL + "/" + MECHANISM + ", super user " + adminUser + "]";
    }
}
