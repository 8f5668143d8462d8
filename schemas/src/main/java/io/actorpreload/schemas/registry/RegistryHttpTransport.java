package io.actorpreload.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSON requests to a Confluent-API registry: the one place with timeouts, authentication and
 * retries (connection errors, timeouts and 5xx, with backoff; never 4xx). Turns every failure into
 * a {@link SchemaRegistryException} with the registry's {@code error_code} and message.
 * Thread-safe.
 */
final class RegistryHttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpTransport.class);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String baseUrl;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final Optional<String> authorization;

    RegistryHttpTransport(
            HttpClient http,
            String baseUrl,
            Duration requestTimeout,
            RetryPolicy retryPolicy,
            Optional<String> basicAuthUserInfo) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestTimeout = requestTimeout;
        this.retryPolicy = retryPolicy;
        this.authorization = basicAuthUserInfo.map(
                userInfo -> "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    ObjectMapper json() {
        return json;
    }

    private JsonNode send(String method, String path, Object body) {
        String description = method + " " + baseUrl + path;
        HttpRequest request = request(method, path, body);
        for (int attempt = 0; ; attempt++) {
            SchemaRegistryException failure;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    return json.readTree(response.body().isEmpty() ? "{}" : response.body());
                }
                failure = errorOf(description, response);
                if (response.statusCode() < 500) {
                    throw failure;
                }
            } catch (IOException e) {
                failure = new SchemaRegistryException(
                        description,
                        0,
                        0,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                                + " (after " + (attempt + 1) + " attempt(s))" + tlsHint(e),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(description, 0, 0, "interrupted", e);
            }
            if (attempt >= retryPolicy.retries()) {
                throw failure;
            }
            Duration backoff = retryPolicy.backoffBefore(attempt + 1);
            LOG.warn(
                    "{}; retry {} of {} in {} ms",
                    failure.getMessage(),
                    attempt + 1,
                    retryPolicy.retries(),
                    backoff.toMillis());
            sleep(backoff, description);
        }
    }

    /** What to check when the failure is TLS: the handshake fails before any HTTP answer. */
    private static String tlsHint(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return ". TLS with the registry failed: check schema.registry.ssl.truststore.location/.password/.type"
                        + " (the trust store must hold the registry's certificate or its CA) and, if the registry"
                        + " wants client certificates, schema.registry.ssl.keystore.*";
            }
        }
        return "";
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        try {
            return builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write the request body of " + method + " " + path, e);
        }
    }

    private SchemaRegistryException errorOf(String description, HttpResponse<String> response) {
        int errorCode = 0;
        String message = response.body();
        try {
            JsonNode error = json.readTree(response.body());
            if (error != null && error.isObject()) {
                errorCode = error.path("error_code").asInt(0);
                message = error.path("message").asText(response.body());
            }
        } catch (IOException notJson) {
            // An error page that is not JSON (a proxy's, say): keep its text as the message.
        }
        return new SchemaRegistryException(description, response.statusCode(), errorCode, message);
    }

    private static void sleep(Duration backoff, String description) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(description, 0, 0, "interrupted while waiting to retry", e);
        }
    }
}
