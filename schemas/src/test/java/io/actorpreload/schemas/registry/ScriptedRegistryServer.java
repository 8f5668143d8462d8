package io.actorpreload.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An HTTP server on 127.0.0.1 that answers with a script of (status, body) and records each
 * request: for the transport behaviours a real registry cannot be made to show on demand (5xx,
 * retries). Answers 500 once the script is used up. Stopped by {@link #close()}.
 */
final class ScriptedRegistryServer implements AutoCloseable {
    /** One recorded request. */
    record Request(String method, String path, String authorization, String body) {}

    private final HttpServer server;
    private final Deque<String[]> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    ScriptedRegistryServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String[] answer;
            synchronized (this) {
                requests.add(new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                answer = script.isEmpty()
                        ? new String[] {"500", "{\"error_code\":50001,\"message\":\"script used up\"}"}
                        : script.poll();
            }
            byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    synchronized ScriptedRegistryServer answer(int status, String body) {
        script.add(new String[] {Integer.toString(status), body});
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
