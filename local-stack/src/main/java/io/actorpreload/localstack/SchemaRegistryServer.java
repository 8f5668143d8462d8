package io.actorpreload.localstack;

import io.actorpreload.localstack.internals.Distribution;
import io.actorpreload.localstack.internals.JvmOptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry (3.x, no authentication) running as a child process on 127.0.0.1,
 * serving the Confluent-compatible API at {@link #url()}, with persistent storage: an H2 database
 * in a file under its work directory (Apicurio's SQL storage), so that, as with a production
 * registry, a restart keeps every schema, its id, and the compatibility rules.
 *
 * <p>Global compatibility is BACKWARD. Schema ids of the Confluent API are Apicurio content ids:
 * like Confluent's, one id per distinct schema, shared by every subject that registers it (Apicurio's
 * "legacy id mode", which hands out global ids instead, stays off). Schemas are compared by their
 * canonical form, so re-registering a schema that differs only in whitespace returns its existing id.
 * Ids need not be consecutive: a schema refused by the compatibility check may still use one up.
 *
 * <p>Lifecycle: {@link #start(Path)} returns once the registry answers; {@link #stop()} stops the
 * process (a registry outage) and {@link #restart()} starts it again on the same port and data, so
 * clients keep their URL; {@link #close()} stops it for good and is idempotent. Starting a new
 * registry with {@link #start(Path)} on the work directory of an earlier one also keeps its
 * schemas (on a new port). Thread-safe.
 */
public final class SchemaRegistryServer extends RestartableServer {
    /** System property: the registry JVM's maximum heap, e.g. {@code 384m} (the default). */
    public static final String HEAP_PROPERTY = "localstack.apicurio.heap";
    /** System property: more options for the registry JVM, separated by spaces (e.g. {@code -XX:TieredStopAtLevel=1}). */
    public static final String JVM_OPTIONS_PROPERTY = "localstack.apicurio.jvm.options";
    /** The Confluent-compatible API's path under the server root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final String CONFLUENT_JSON = "application/vnd.schemaregistry.v1+json";
    /** The H2 database's files ({@code registry.mv.db}) live here, under the work directory. */
    private static final String DATA_DIR = "data";

    private final Path workDir;
    private final int port;
    private final Duration startupTime;

    private SchemaRegistryServer(Path workDir, ChildProcess process, int port, Duration startupTime) {
        super("Apicurio registry", process);
        this.workDir = workDir;
        this.port = port;
        this.startupTime = startupTime;
    }

    /**
     * Starts the registry with its files (database, log, temp files) under {@code workDir} and sets
     * the global compatibility to BACKWARD. A {@code workDir} an earlier registry used keeps its
     * schemas and ids.
     *
     * @param workDir a directory for the registry's database, log and temporary files; created if missing
     * @throws LocalStackException if the registry fails to start or is not ready in time; the
     *     message carries the tail of its log
     */
    public static SchemaRegistryServer start(Path workDir) {
        Objects.requireNonNull(workDir, "workDir");
        Path absolute = workDir.toAbsolutePath();
        return PortRetry.start("the Apicurio registry", attempt -> startOnce(absolute, attempt), () -> {});
    }

    private static SchemaRegistryServer startOnce(Path workDir, int attempt) {
        long begin = System.nanoTime();
        int port = Ports.freePort();
        String logName = attempt == 1 ? "apicurio.log" : "apicurio-" + attempt + ".log";
        ChildProcess child = launch(workDir, port, logName);
        try {
            setGlobalCompatibility(child, httpClient(), port, "BACKWARD");
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        Duration startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info(
                "Apicurio registry ready at http://127.0.0.1:{}{} (pid {}) after {} ms; data {}; log {}",
                port,
                CCOMPAT_PATH,
                child.pid(),
                startupTime.toMillis(),
                workDir.resolve(DATA_DIR),
                child.logFile());
        return new SchemaRegistryServer(workDir, child, port, startupTime);
    }

    /** Starts the registry JVM on {@code port} and waits until it is ready; stops it again if it is not. */
    private static ChildProcess launch(Path workDir, int port, String logName) {
        Path tmp = workDir.resolve("tmp");
        Path data = workDir.resolve(DATA_DIR);
        try {
            Files.createDirectories(tmp);
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + tmp + " and " + data, e);
        }
        List<String> command = new ArrayList<>(
                List.of(Distribution.javaExecutable(), "-Xms64m", "-Xmx" + System.getProperty(HEAP_PROPERTY, "384m")));
        command.addAll(JvmOptions.from(JVM_OPTIONS_PROPERTY));
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.host=" + Ports.LOOPBACK,
                "-Dquarkus.http.port=" + port,
                // The management interface (a second listener) stays off; health is served on the
                // main port under /health.
                "-Dquarkus.management.enabled=false",
                "-Dapicurio.storage.kind=sql",
                "-Dapicurio.storage.sql.kind=h2",
                // A file database instead of the default in-memory one: schemas and ids survive a
                // restart. WRITE_DELAY=0 writes each commit at once, so even a killed registry keeps
                // what it acknowledged.
                "-Dapicurio.datasource.url=jdbc:h2:file:" + data.resolve("registry") + ";WRITE_DELAY=0",
                "-Dapicurio.authn.enabled=false",
                "-Dapicurio.datasource.jdbc.initial-size=2",
                "-Dapicurio.datasource.jdbc.min-size=2",
                "-Dapicurio.datasource.jdbc.max-size=20",
                "-Dapicurio.ccompat.legacy-id-mode.enabled=false",
                "-Dapicurio.ccompat.use-canonical-hash=true",
                "-Dapicurio.storage.snapshot.location=" + tmp,
                "-Dapicurio.import.work-dir=" + tmp,
                "-jar",
                Distribution.apicurioRunnerJar().toString()));
        ChildProcess child = ChildProcess.start("Apicurio registry", command, workDir, workDir.resolve(logName));
        try {
            awaitReady(child, httpClient(), port);
            return child;
        } catch (LocalStackException e) {
            child.stop();
            throw child.failedToBindPort() ? new PortTakenException(e) : e;
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>/apis/ccompat/v7}, the Confluent-compatible API base; never null. */
    public String url() {
        return baseUrl(port) + CCOMPAT_PATH;
    }

    /** The HTTP port (127.0.0.1); the same after {@link #restart()}. */
    public int port() {
        return port;
    }

    /** How long {@link #start(Path)} took, until ready with the compatibility rule set. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The directory of the registry's database, log and temporary files. */
    public Path workDir() {
        return workDir;
    }

    @Override
    List<Integer> ports() {
        return List.of(port);
    }

    @Override
    ChildProcess relaunch(int restart) {
        return launch(workDir, port, "apicurio-restart-" + restart + ".log");
    }

    private static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static String baseUrl(int port) {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    private static void awaitReady(ChildProcess child, HttpClient http, int port) {
        long timeoutSeconds = KafkaBroker.timeoutSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl(port) + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (true) {
            if (!child.isAlive()) {
                throw new LocalStackException("The Apicurio registry exited during start-up. " + child.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new LocalStackException(
                        "The Apicurio registry was not ready within " + timeoutSeconds + " s (raise -D"
                                + KafkaBroker.START_TIMEOUT_PROPERTY + " on a slow machine). " + child.logTail());
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
                throw new LocalStackException(
                        "Setting the registry's global compatibility to " + level + " failed with HTTP "
                                + response.statusCode() + ": " + response.body() + ". " + child.logTail());
            }
        } catch (IOException e) {
            throw new LocalStackException(
                    "Setting the registry's global compatibility failed: " + e.getMessage() + ". " + child.logTail(),
                    e);
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
