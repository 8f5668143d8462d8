package io.actorpreload.topology.internals;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the JVM's class-data-sharing archive of a running application once, so that later starts
 * map the classes instead of loading them: a restarted instance is back sooner. The distribution's
 * launcher asks for it with the system property {@value #PROPERTY} (and
 * {@code -XX:+RecordDynamicDumpInfo}) when the archive does not exist yet, and maps it with
 * {@code -XX:SharedArchiveFile} when it does. Written through the JVM's own {@code VM.cds}
 * diagnostic command {@value #AFTER_RUNNING_SECONDS} s after the application first runs, so the
 * archive holds what an instance that has processed requests loads, not what a start that failed
 * early did. Failing to write it (or exiting before) only costs the next start time.
 * Thread-safe.
 */
public final class ClassDataArchive {
    /** System property: the archive to write once the application runs. */
    public static final String PROPERTY = "actorpreload.cds.archive";

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);
    static final long AFTER_RUNNING_SECONDS = 30;

    private final AtomicBoolean written = new AtomicBoolean();

    /**
     * Writes the archive the system property names, in the background and {@value #AFTER_RUNNING_SECONDS} s
     * later, the first time this is called.
     */
    public void writeOnce() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null
                || archive.isBlank()
                || !written.compareAndSet(false, true)
                || Files.exists(Path.of(archive))) {
            return;
        }
        Thread writer = new Thread(() -> write(archive), "class-data-archive");
        writer.setDaemon(true);
        writer.start();
    }

    private static void write(String archive) {
        try {
            Thread.sleep(AFTER_RUNNING_SECONDS * 1000);
            Object result = ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmCds",
                            new Object[] {new String[] {"dynamic_dump", archive}},
                            new String[] {String[].class.getName()});
            LOG.info(
                    "Wrote the class-data archive {}: later starts map its classes ({})",
                    archive,
                    String.valueOf(result).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            LOG.warn(
                    "Could not write the class-data archive {} ({}); starts load their classes as usual",
                    archive,
                    e.toString());
        }
    }
}
