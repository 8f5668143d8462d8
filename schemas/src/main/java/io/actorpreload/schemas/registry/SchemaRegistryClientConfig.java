package io.actorpreload.schemas.registry;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The settings of a schema-registry client, declared once. Key names follow Confluent's clients
 * where they have one, so existing configurations carry over. Immutable.
 */
public final class SchemaRegistryClientConfig extends AbstractConfig {
    public static final String URL_CONFIG = "schema.registry.url";
    private static final String URL_DOC = "Base URL of a Confluent-API schema registry (http:// or https://), "
            + "e.g. Apicurio's http://host:8080/apis/ccompat/v7; test fixtures add mock://<scope> (an in-memory registry "
            + "per scope, in the schemas test jar).";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC =
            "user:password sent as HTTP basic authentication; empty for none.";

    public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC = "Where the basic-auth credentials come from, as in "
            + "Confluent's clients: USER_INFO (basic.auth.user.info) or URL (the user:password@ part of "
            + "schema.registry.url, which is then not sent in the URL). SASL_INHERIT is not supported.";

    public static final String CONNECT_TIMEOUT_MS_CONFIG = "schema.registry.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "How long to wait for a TCP connection to the registry.";

    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    private static final String REQUEST_TIMEOUT_MS_DOC = "How long to wait for the registry's answer to one request.";

    public static final String RETRIES_CONFIG = "schema.registry.retries";
    private static final String RETRIES_DOC = "How many times a request is retried after a connection error, "
            + "a timeout or a 5xx answer (4xx answers are never retried).";

    public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC =
            "Wait before the first retry; doubled after each, up to the max.";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "The longest wait between two retries.";

    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = "schema.registry.ssl.truststore.location";
    private static final String SSL_TRUSTSTORE_LOCATION_DOC =
            "Trust store for an https registry; empty: the JVM's default trust.";

    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = "schema.registry.ssl.truststore.password";
    private static final String SSL_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store.";

    public static final String SSL_TRUSTSTORE_TYPE_CONFIG = "schema.registry.ssl.truststore.type";
    private static final String SSL_TRUSTSTORE_TYPE_DOC = "Type of the trust store (PKCS12 or JKS).";

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "schema.registry.ssl.keystore.location";
    private static final String SSL_KEYSTORE_LOCATION_DOC =
            "Key store holding a client certificate for mutual TLS; empty for none.";

    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "schema.registry.ssl.keystore.password";
    private static final String SSL_KEYSTORE_PASSWORD_DOC = "Password of the key store and of its key.";

    public static final String SSL_KEYSTORE_TYPE_CONFIG = "schema.registry.ssl.keystore.type";
    private static final String SSL_KEYSTORE_TYPE_DOC = "Type of the key store (PKCS12 or JKS).";

    /** The definitions, to be embedded in the configs of clients that own a registry client. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(
                        URL_CONFIG,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new RegistryUrl(),
                        Importance.HIGH,
                        URL_DOC)
                .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
                .define(
                        BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
                        Type.STRING,
                        "USER_INFO",
                        ConfigDef.CaseInsensitiveValidString.in("USER_INFO", "URL"),
                        Importance.LOW,
                        BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
                .define(
                        CONNECT_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        10_000,
                        Range.atLeast(1),
                        Importance.LOW,
                        CONNECT_TIMEOUT_MS_DOC)
                .define(
                        REQUEST_TIMEOUT_MS_CONFIG,
                        Type.INT,
                        30_000,
                        Range.atLeast(1),
                        Importance.LOW,
                        REQUEST_TIMEOUT_MS_DOC)
                .define(RETRIES_CONFIG, Type.INT, 3, Range.atLeast(0), Importance.LOW, RETRIES_DOC)
                .define(
                        RETRY_BACKOFF_MS_CONFIG,
                        Type.LONG,
                        100L,
                        Range.atLeast(0),
                        Importance.LOW,
                        RETRY_BACKOFF_MS_DOC)
                .define(
                        RETRY_BACKOFF_MAX_MS_CONFIG,
                        Type.LONG,
                        2_000L,
                        Range.atLeast(0),
                        Importance.LOW,
                        RETRY_BACKOFF_MAX_MS_DOC)
                .define(SSL_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM, SSL_TRUSTSTORE_LOCATION_DOC)
                .define(
                        SSL_TRUSTSTORE_PASSWORD_CONFIG,
                        Type.PASSWORD,
                        "",
                        Importance.MEDIUM,
                        SSL_TRUSTSTORE_PASSWORD_DOC)
                .define(SSL_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", Importance.LOW, SSL_TRUSTSTORE_TYPE_DOC)
                .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM, SSL_KEYSTORE_LOCATION_DOC)
                .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.MEDIUM, SSL_KEYSTORE_PASSWORD_DOC)
                .define(SSL_KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", Importance.LOW, SSL_KEYSTORE_TYPE_DOC);
    }

    private static final ConfigDef CONFIG = define(new ConfigDef());

    /** Every key of a registry client, e.g. to forward them from an application's own configuration. */
    public static java.util.Set<String> names() {
        return CONFIG.names();
    }

    /** The registry client settings among {@code settings} (an application's originals), to hand to a serde. */
    public static java.util.Map<String, Object> givenIn(java.util.Map<String, ?> settings) {
        java.util.Map<String, Object> given = new java.util.HashMap<>();
        for (String name : CONFIG.names()) {
            Object value = settings.get(name);
            if (value != null) {
                given.put(name, value);
            }
        }
        return given;
    }

    /** Accepts http(s):// URLs, and those a {@link SchemaRegistryClientProvider} on the class path serves. */
    private static final class RegistryUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String url = value == null ? "" : ((String) value).trim();
            if (!SchemaRegistryClients.isSupported(url)) {
                throw new org.apache.kafka.common.config.ConfigException(
                        name, value, "must start with http:// or https://");
            }
        }

        @Override
        public String toString() {
            return "http(s)://host:port/path";
        }
    }

    public SchemaRegistryClientConfig(Map<String, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** The definitions, for documentation. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }
}
