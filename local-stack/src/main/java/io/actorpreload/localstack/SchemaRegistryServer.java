package io.actorpreload.localstack;

import io.actorpreload.localstack.internals.ChildProcess;
import io.actorpreload.localstack.internals.Distribution;
import io.actorpreload.localstack.internals.PortRetry;
import io.actorpreload.localstack.internals.PortTakenException;
import io.actorpreload.localstack.internals.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (3.x, in-memory H2 storage, no authentication) running as a child
 * process on 127.0.0.1, serving the Confluent-compatible API at {@link #url()}.
 *
 * <p>Global compatibility is BACKWARD. Schema ids of the Confluent API are Apicurio content ids:
 * like Confluent's, one id per distinct schema, shared by every subject that registers it (Apicurio's
 * "legacy id mode", which hands out global ids instead, stays off). Schemas are compared by their
 * canonical form, so re-registering a schema that differs only in whitespace returns its existing id.
 * Ids need not be consecutive: a schema refused by the compatibility check may still use one up.
 *
 * <p>Lifecycle: {@link #start(Path)} returns once the registry answers; {@link #close()} stops the
 * process by its handle and is idempotent. For fault tests, {@link #stop()} stops the process and
 * {@link #restart()} starts it again on the same port, so clients find it at the same {@link #url()}.
 * Thread-safe.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    /** System property: the registry JVM's maximum heap, e.g. {@code 384m} (the default). */
    public static final String HEAP_PROPERTY = "localstack.apicurio.heap";
    /** The Confluent-compatible API's path under the server root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";

    private final Path workDir;
    private final int port;
    private final Duration startupTime;
    private ChildProcess process;
    private int restarts;

    private SchemaRegistryServer(Path workDir, ChildProcess process, int port, Duration startupTime) {
        this.workDir = workDir;
        this.process = process;
        this.port = port;
        this.startupTime = startupTime;
    }

    /**
     * Starts the registry with its files (log, temp files) under {@code workDir} and sets the
     * global compatibility to BACKWARD.
     *
     * @param workDir a directory for the registry's log and temporary files; created if missing
     * @throws LocalStackException if the registry fails to start or is not ready in time; the
     *     message carries the tail of its log
     */
    public static SchemaRegistryServer start(Path workDir) {
        Objects.requireNonNull(workDir, "workDir");
        return PortRetry.start("the Apicurio registry", attempt -> startOnce(workDir, attempt), () -> { });
    }

    private static SchemaRegistryServer startOnce(Path workDir, int attempt) {
        long begin = System.nanoTime();
        int port = Ports.freePort();
        String logName = attempt == 1 ? "apicurio.log" : "apicurio-" + attempt + ".log";
        ChildProcess child = launch(workDir, port, logName);
        Duration startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Apicurio registry ready at http://127.0.0.1:{}{} (pid {}) after {} ms; log {}",
                port, CCOMPAT_PATH, child.pid(), startupTime.toMillis(), child.logFile());
        return new SchemaRegistryServer(workDir, child, port, startupTime);
    }

    /** Starts the registry process on {@code port} and waits until it answers with its compatibility rule set. */
    private static ChildProcess launch(Path workDir, int port, String logName) {
        Path jar = Distribution.apicurioRunnerJar();
        Path tmp = workDir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + tmp, e);
        }
        List<String> command = List.of(
                Distribution.javaExecutable(),
                "-Xms64m", "-Xmx" + System.getProperty(HEAP_PROPERTY, "384m"),
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.host=" + Ports.LOOPBACK,
                "-Dquarkus.http.port=" + port,
                // The management interface (a second listener) stays off; health is served on the
                // main port under /health.
                "-Dquarkus.management.enabled=false",
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                "-Dapicurio.authn.enabled=false",
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=20",
                "-Dapicurio.ccompat.legacy-id-mode.enabled=false",
                "-Dapicurio.ccompat.use-canonical-hash=true",
                "-Dapicurio.storage.snapshot.location=" + tmp,
                "-Dapicurio.import.work-dir=" + tmp,
                "-jar", jar.toString());
        ChildProcess child = ChildProcess.start("Apicurio registry", command, workDir, workDir.resolve(logName));
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitReady(child, http, port);
            setGlobalCompatibility(child, http, port, "BACKWARD");
        } catch (LocalStackException e) {
            child.stop();
            throw child.failedToBindPort() ? new PortTakenException(e) : e;
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return child;
    }

    /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}, the Confluent-compatible API base; never null. */
    public String url() {
        return baseUrl(port) + CCOMPAT_PATH;
    }

    /** The HTTP port (127.0.0.1). */
    public int port() {
        return port;
    }

    /** How long {@link #start(Path)} took, until ready with the compatibility rule set. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The registry JVM's process handle (of the current process, after a {@link #restart()}). */
    public synchronized ProcessHandle processHandle() {
        return process.handle();
    }

    /** The file that receives the registry's stdout and stderr (of the current process). */
    public synchronized Path logFile() {
        return process.logFile();
    }

    /**
     * Stops the registry process (as {@link #close()} does) but keeps its port for {@link #restart()}:
     * until then clients get no answer, as from a registry that is down. Idempotent.
     */
    public synchronized void stop() {
        process.stop();
    }

    /**
     * Starts the registry again on the same port, stopping it first if it still runs, and returns
     * once it answers with its global compatibility set again. What it keeps across the restart is
     * what its storage keeps.
     *
     * @throws LocalStackException if it does not start (e.g. its port was taken meanwhile); the
     *     message carries the tail of its log
     */
    public synchronized void restart() {
        process.stop();
        restarts++;
        long begin = System.nanoTime();
        try {
            process = launch(workDir, port, "apicurio-restart-" + restarts + ".log");
        } catch (PortTakenException e) {
            throw e.failure();
        }
        LOG.info("Apicurio registry restarted at http://127.0.0.1:{}{} (pid {}) after {} ms; log {}", port,
                CCOMPAT_PATH, process.pid(), (System.nanoTime() - begin) / 1_000_000, process.logFile());
    }

    /** Stops the registry (SIGTERM, then a forced kill after 15 s). Idempotent. */
    @Override
    public synchronized void close() {
        process.stop();
    }

    private static String baseUrl(int port) {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    private static void awaitReady(ChildProcess child, HttpClient http, int port) {
        long timeoutSeconds = KafkaBroker.timeoutSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl(port) + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (true) {
            if (!child.isAlive()) {
                throw new LocalStackException("The Apicurio registry exited during start-up. " + child.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException("The Apicurio registry was not ready within " + timeoutSeconds
                        + " s (raise -D" + KafkaBroker.START_TIMEOUT_PROPERTY + " on a slow machine). " + child.logTail());
            }
            if (Ports.isAccepting(port) && status(http, ready) == 200) {
                return;
            }
            KafkaBroker.sleep(100);
        }
    }

    private static void setGlobalCompatibility(ChildProcess child, HttpClient http, int port, String level) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(baseUrl(port) + CCOMPAT_PATH + "/config"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONFLUENT_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
                .build();
        try {
            HttpResponse<String> response = http.send(put, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LocalStackException("Setting the registry's global compatibility to " + level + " failed with HTTP "
                        + response.statusCode() + ": " + response.body() + ". " + child.logTail());
            }
        } catch (IOException e) {
            throw new LocalStackException("Setting the registry's global compatibility failed: " + e.getMessage() + ". " + child.logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while configuring the registry", e);
        }
    }

    private static int status(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("Interrupted while waiting for the Apicurio registry", e);
        }
    }
}
