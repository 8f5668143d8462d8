package io.actorpreload.localstack;

import io.actorpreload.localstack.internals.PortTakenException;
import io.actorpreload.localstack.internals.Ports;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server of the local stack running as a child JVM that fault tests can stop and start again on
 * the same ports and data: {@link #stop()} is an outage, {@link #restart()} the recovery,
 * {@link #close()} the end. Subclasses say which ports are theirs and how to launch the JVM again.
 * Thread-safe.
 */
public abstract class RestartableServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestartableServer.class);

    private final String name;
    private ChildProcess process;
    private int restarts;
    private boolean closed;

    RestartableServer(String name, ChildProcess process) {
        this.name = name;
        this.process = process;
    }

    /** The ports the server listens on, all of which must be free for a restart. */
    abstract List<Integer> ports();

    /** Launches the server JVM again, logging to a file named after {@code restart}, and waits until it is ready. */
    abstract ChildProcess relaunch(int restart);

    /** The current JVM's process handle (a new one after {@link #restart()}). */
    public synchronized ProcessHandle processHandle() {
        return process.handle();
    }

    /** The file that receives the current JVM's stdout and stderr. */
    public synchronized Path logFile() {
        return process.logFile();
    }

    /** Whether the server process runs (false after {@link #stop()} until {@link #restart()}). */
    public synchronized boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops the server process (SIGTERM, then a forced kill after 15 s), keeping its data, so that
     * {@link #restart()} can bring it back: clients see an outage. Idempotent.
     */
    public synchronized void stop() {
        process.stop();
    }

    /**
     * Starts the server again on the same ports and data, stopping it first if it runs (also after it
     * was killed by its handle), and returns once it is ready. It keeps what its storage kept.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws LocalStackException if it does not start (e.g. another process took its port); the
     *     message carries the tail of its log
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("The " + name + " on ports " + ports() + " was closed; start a new one");
        }
        process.stop();
        for (int port : ports()) {
            if (Ports.isAccepting(port)) {
                throw new LocalStackException("Cannot restart the " + name + ": another process listens on its port "
                        + port + " (127.0.0.1)");
            }
        }
        restarts++;
        long begin = System.nanoTime();
        try {
            process = relaunch(restarts);
        } catch (PortTakenException e) {
            throw e.failure();
        }
        LOG.info(
                "{} restarted on 127.0.0.1:{} (pid {}) after {} ms; log {}",
                name,
                ports(),
                process.pid(),
                (System.nanoTime() - begin) / 1_000_000,
                process.logFile());
    }

    /** Stops the server for good (SIGTERM, then a forced kill after 15 s); its data stays on disk. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        process.stop();
    }
}
