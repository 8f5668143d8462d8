package io.actorpreload.learner;

import io.actorpreload.learner.internals.LearnerJmxMetrics;
import io.actorpreload.topology.HealthEndpoint;
import io.actorpreload.topology.RunningApplication;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running manifest learner: Kafka Streams running {@link ManifestLearnerTopology} under its own
 * application id. {@link #start} starts it; {@link #close()} stops it (leaving the group). A stream
 * thread that dies is replaced. {@link #status()} gives what it knows per actor type (starts, round
 * trips per start, bytes preloaded and unused, the manifest version in force). When Kafka Streams
 * fails for good, the application closes itself and {@link #failed()} says so. Thread-safe;
 * {@code close} is idempotent.
 */
public final class ManifestLearnerApp implements RunningApplication {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestLearnerApp.class);

    private final ManifestLearnerConfig config;
    private final KafkaStreams streams;
    private final LearnerStatus status;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    /** Set once at start, before Kafka Streams starts; empty when health.port is -1. */
    private volatile Optional<HealthEndpoint> health = Optional.empty();

    private final LearnerJmxMetrics jmx;

    private ManifestLearnerApp(
            ManifestLearnerConfig config, KafkaStreams streams, LearnerStatus status, LearnerJmxMetrics jmx) {
        this.config = config;
        this.streams = streams;
        this.status = status;
        this.jmx = jmx;
    }

    public static ManifestLearnerApp start(ManifestLearnerConfig config) {
        LearnerJmxMetrics jmx = new LearnerJmxMetrics();
        LearnerStatus status = new LearnerStatus(jmx::typeSeen);
        jmx.watch(status);
        KafkaStreams streams =
                new KafkaStreams(ManifestLearnerTopology.build(config, status), config.streamsProperties());
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("A learner stream thread died; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        ManifestLearnerApp app = new ManifestLearnerApp(config, streams, status, jmx);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                LOG.error("The learner's Kafka Streams failed; closing the learner");
                app.failed = true;
                new Thread(app::close, "actor-preload-learner-close").start();
            }
        });
        try {
            app.health = HealthEndpoint.start(config, streams::state, app::failed);
        } catch (RuntimeException e) {
            streams.close();
            jmx.close();
            throw e;
        }
        streams.start();
        LOG.info(
                "Manifest learner started: application.id={}, reports from {}, manifests to {}",
                config.getString(ManifestLearnerConfig.APPLICATION_ID_CONFIG),
                config.getString(ManifestLearnerConfig.REPORTS_TOPIC_CONFIG),
                config.getString(ManifestLearnerConfig.MANIFESTS_TOPIC_CONFIG));
        return app;
    }

    /** The Kafka Streams instance, for its state and metrics; do not close it directly. */
    public KafkaStreams streams() {
        return streams;
    }

    /** Where the health endpoint listens; empty when {@code health.port} is -1. */
    public Optional<InetSocketAddress> healthAddress() {
        return health.map(HealthEndpoint::address);
    }

    /** Per actor type, what this instance has seen (a snapshot). */
    public Map<String, ActorTypeLearning> status() {
        return status.snapshot();
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Duration timeout = Duration.ofMillis(config.getLong(ManifestLearnerConfig.SHUTDOWN_TIMEOUT_MS_CONFIG));
            if (!streams.close(CloseOptions.timeout(timeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("The learner's Kafka Streams did not close within {} ms", timeout.toMillis());
            }
        } finally {
            health.ifPresent(HealthEndpoint::close);
            jmx.close();
            stopped.countDown();
            LOG.info("Manifest learner stopped");
        }
    }
}
