package io.actorpreload.schemas.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Test code: an HTTPS reverse proxy on 127.0.0.1 that requires HTTP basic auth and forwards every
 * request to a real registry, so the registry client and serdes are tested against a secured
 * registry without one being installed. Its certificate is made at start by {@code keytool}
 * (CN and SAN 127.0.0.1) and exported into a PKCS12 trust store for the client. A request without
 * the expected {@code Authorization} header gets 401 with a Confluent-style error body.
 */
final class BasicAuthTlsProxy implements AutoCloseable {
    static final String STORE_PASSWORD = "changeit";
    /** Headers the proxy does not forward: per connection, or its own business (the credentials). */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "upgrade",
            "authorization",
            "expect",
            "keep-alive",
            "te",
            "trailer",
            "proxy-authorization");

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient upstreamClient = HttpClient.newHttpClient();
    private final Path trustStore;

    private BasicAuthTlsProxy(String upstream, String userInfo, Path workDir) throws Exception {
        Path keyStore = workDir.resolve("proxy-key.p12");
        trustStore = workDir.resolve("proxy-trust.p12");
        Path cert = workDir.resolve("proxy.crt");
        keytool(
                "-genkeypair",
                "-alias",
                "proxy",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-keypass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "proxy",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                cert.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "proxy",
                "-file",
                cert.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                STORE_PASSWORD);

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);

        String expected = "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, upstream, expected));
        server.start();
    }

    /**
     * Starts a proxy in front of {@code upstream} (the registry's scheme, host and port) that
     * accepts only {@code userInfo} ({@code user:password}); key and trust stores go to {@code workDir}.
     */
    static BasicAuthTlsProxy start(String upstream, String userInfo, Path workDir) throws Exception {
        return new BasicAuthTlsProxy(upstream, userInfo, workDir);
    }

    /** The proxy's base URL, e.g. {@code https://127.0.0.1:43211}. */
    String baseUrl() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A PKCS12 trust store holding the proxy's certificate, password {@link #STORE_PASSWORD}. */
    Path trustStore() {
        return trustStore;
    }

    private void handle(HttpExchange exchange, String upstream, String expectedAuthorization) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            List<String> authorization = exchange.getRequestHeaders().get("Authorization");
            if (authorization == null || !authorization.contains(expectedAuthorization)) {
                reply(
                        exchange,
                        401,
                        "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8),
                        "application/json");
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> forward.header(name, value));
                }
            });
            HttpResponse<byte[]> answer = upstreamClient.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            reply(
                    exchange,
                    answer.statusCode(),
                    answer.body(),
                    answer.headers().firstValue("Content-Type").orElse("application/json"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
