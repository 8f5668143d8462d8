package io.actorpreload.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent schema-registry REST API (Confluent, Apicurio's {@code /apis/ccompat/v7},
 * Karapace, Redpanda), for Avro schemas. Schemas fetched by id are cached for the client's life
 * (ids are immutable). Thread-safe; holds no resources that need closing.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    private final RegistryHttpTransport transport;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    HttpSchemaRegistryClient(RegistryHttpTransport transport) {
        this.transport = transport;
    }

    /** A client for the registry and settings of {@code config}. */
    public static HttpSchemaRegistryClient create(SchemaRegistryClientConfig config) {
        String url = config.getString(SchemaRegistryClientConfig.URL_CONFIG);
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new org.apache.kafka.common.config.ConfigException(
                    SchemaRegistryClientConfig.URL_CONFIG, url, "expected an http:// or https:// URL");
        }
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.CONNECT_TIMEOUT_MS_CONFIG)));
        if (url.startsWith("https://")) {
            http.sslContext(SslContexts.fromConfig(config));
        }
        String userInfo = config.getPassword(SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG)
                .value();
        if ("URL".equalsIgnoreCase(config.getString(SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))) {
            URI parsed = URI.create(url);
            if (parsed.getRawUserInfo() == null) {
                throw new org.apache.kafka.common.config.ConfigException(
                        SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
                        "URL",
                        "schema.registry.url has no user:password@ part to take the credentials from");
            }
            userInfo = URLDecoder.decode(parsed.getRawUserInfo(), StandardCharsets.UTF_8);
            // The credentials go in the Authorization header only, never in request lines or logs.
            url = url.replaceFirst("//" + Pattern.quote(parsed.getRawUserInfo()) + "@", "//");
        }
        RetryPolicy retries = new RetryPolicy(
                config.getInt(SchemaRegistryClientConfig.RETRIES_CONFIG),
                Duration.ofMillis(config.getLong(SchemaRegistryClientConfig.RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(config.getLong(SchemaRegistryClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG)));
        return new HttpSchemaRegistryClient(new RegistryHttpTransport(
                http.build(),
                url,
                Duration.ofMillis(config.getInt(SchemaRegistryClientConfig.REQUEST_TIMEOUT_MS_CONFIG)),
                retries,
                userInfo.isEmpty() ? Optional.empty() : Optional.of(userInfo)));
    }

    /** A client for the registry and settings of {@code configs} (see {@link SchemaRegistryClientConfig}). */
    public static HttpSchemaRegistryClient create(Map<String, ?> configs) {
        return create(new SchemaRegistryClientConfig(configs));
    }

    @Override
    public int register(String subject, Schema schema) {
        return register(subject, schema.toString());
    }

    /**
     * Registers schema text exactly as given (a schema kept in a file, say), leaving its validation to
     * the registry: invalid Avro fails with {@link SchemaRegistryException.Reason#INVALID_SCHEMA}.
     */
    public int register(String subject, String schemaJson) {
        return transport
                .post("/subjects/" + encode(subject) + "/versions", Map.of("schema", schemaJson))
                .path("id")
                .asInt();
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(transport.post("/subjects/" + encode(subject), schemaBody(schema)), schema);
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(transport.get("/schemas/ids/" + id).path("schema").asText());
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = transport.get("/subjects/" + encode(subject) + "/versions/latest");
        return registered(answer, parse(answer.path("schema").asText()));
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        transport.get("/subjects/" + encode(subject) + "/versions").forEach(v -> versions.add(v.asInt()));
        versions.sort(null);
        return versions;
    }

    @Override
    public CompatibilityLevel compatibility(String subject) {
        JsonNode answer;
        try {
            answer = transport.get("/config/" + encode(subject) + "?defaultToGlobal=true");
        } catch (SchemaRegistryException e) {
            // Apicurio answers 40401 for a subject with no versions and no level of its own.
            if (e.reason() != SchemaRegistryException.Reason.SUBJECT_NOT_FOUND) {
                throw e;
            }
            answer = transport.get("/config");
        }
        // Confluent answers {"compatibilityLevel": ...}; some registries answer {"compatibility": ...}.
        String level = answer.hasNonNull("compatibilityLevel")
                ? answer.get("compatibilityLevel").asText()
                : answer.path("compatibility").asText();
        return CompatibilityLevel.valueOf(level);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        transport.put("/config/" + encode(subject), Map.of("compatibility", level.name()));
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            return transport
                    .post("/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema))
                    .path("is_compatible")
                    .asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.reason() == SchemaRegistryException.Reason.SUBJECT_NOT_FOUND
                    || e.reason() == SchemaRegistryException.Reason.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    private static Map<String, String> schemaBody(Schema schema) {
        return Map.of("schema", schema.toString());
    }

    private static RegisteredSchema registered(JsonNode answer, Schema schema) {
        return new RegisteredSchema(
                answer.path("subject").asText(),
                answer.path("version").asInt(),
                answer.path("id").asInt(),
                schema);
    }

    private static Schema parse(String text) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    "parse a schema sent by the registry",
                    200,
                    0,
                    "the registry sent a schema that is not valid Avro: " + e.getMessage(),
                    e);
        }
    }

    /** Subjects go into URL paths: percent-encode them, spaces included. */
    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
