package io.actorpreload.topology;

import io.actorpreload.preload.PreloadSettings;
import io.actorpreload.preload.Preloader;
import io.actorpreload.preload.store.PreloadStore;
import io.actorpreload.topology.internals.AdminRunnerTopics;
import io.actorpreload.topology.internals.ClassDataArchive;
import io.actorpreload.topology.internals.DeadLetterLimit;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running preload application: Kafka Streams running {@link PreloadTopology}, the store it
 * reads and the Admin client that checks runner topics. Built and started by {@link #start}; stopped
 * by {@link #close()} (Kafka Streams first, with the configured timeout and leaving the consumer group so
 * its tasks move to a peer at once, then the Admin client, then the store if the application opened it).
 * A stream thread that dies anyway is replaced.
 *
 * <p>The command line ({@code actor-preload run}) lives in the distribution module. Thread-safe; {@code close} is idempotent.
 */
public final class PreloadApp implements RunningApplication {
    private static final Logger LOG = LoggerFactory.getLogger(PreloadApp.class);

    private final PreloadTopologyConfig config;
    private final KafkaStreams streams;
    private final Admin admin;
    private final PreloadStore ownedStore;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean failed;
    /** Set once at start, before Kafka Streams starts; empty when health.port is -1. */
    private volatile Optional<HealthEndpoint> health = Optional.empty();

    private PreloadApp(PreloadTopologyConfig config, KafkaStreams streams, Admin admin, PreloadStore ownedStore) {
        this.config = config;
        this.streams = streams;
        this.admin = admin;
        this.ownedStore = ownedStore;
    }

    /**
     * Validates the configuration, opens the configured store and starts the application.
     *
     * @throws ConfigException when the configuration is invalid, listing every mistake
     */
    public static PreloadApp start(PreloadTopologyConfig config) {
        config.validateLimits();
        PreloadStore store = PreloadStores.open(config);
        try {
            return start(config, store, store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Validates the configuration and starts the application on {@code store}, which the caller
     * keeps owning (and closes after this application).
     *
     * @throws ConfigException when the configuration is invalid, listing every mistake
     */
    public static PreloadApp start(PreloadTopologyConfig config, PreloadStore store) {
        config.validateLimits();
        return start(config, store, null);
    }

    private static PreloadApp start(PreloadTopologyConfig config, PreloadStore store, PreloadStore ownedStore) {
        Properties streamsProperties = config.streamsProperties();
        Admin admin = Admin.create(new StreamsConfig(streamsProperties).getAdminConfigs("actor-preload-runner-topics"));
        RunnerTopics runnerTopics = new AdminRunnerTopics(
                admin,
                Duration.ofMillis(config.getLong(PreloadTopologyConfig.RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getLong(PreloadTopologyConfig.RUNNER_TOPIC_KNOWN_RECHECK_MS_CONFIG)),
                Duration.ofMillis(config.getLong(PreloadTopologyConfig.RUNNER_TOPIC_MISSING_RECHECK_MS_CONFIG)),
                Duration.ofMillis(config.getLong(PreloadTopologyConfig.RUNNER_TOPIC_MISSING_CONFIRM_MS_CONFIG)));
        try {
            // Every task's dead-letter handlers share it: what one learns (a refusal, the topic's
            // limit) holds for all.
            streamsProperties.put(
                    DeadLetterLimit.CONFIG,
                    DeadLetterLimit.askedAtStartUp(
                            admin,
                            config.getString(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG),
                            config.producerMaxRequestSize(),
                            Duration.ofMillis(
                                    config.getLong(PreloadTopologyConfig.RUNNER_TOPIC_LOOKUP_TIMEOUT_MS_CONFIG))));
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        Preloader preloader = new Preloader(
                store,
                new PreloadSettings(
                        config.getLong(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG),
                        Duration.ofMillis(config.getLong(PreloadTopologyConfig.PRELOAD_DEADLINE_MS_CONFIG))));
        KafkaStreams streams = new KafkaStreams(
                PreloadTopology.build(config, PreloadFunction.of(preloader), runnerTopics), streamsProperties);
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("A stream thread died; replacing it", error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        PreloadApp app = new PreloadApp(config, streams, admin, ownedStore);
        ClassDataArchive classData = new ClassDataArchive();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                classData.writeOnce();
            }
            if (now == KafkaStreams.State.ERROR) {
                LOG.error("Kafka Streams failed; closing the application");
                app.failed = true;
                new Thread(app::close, "actor-preload-close").start();
            }
        });
        try {
            app.health = HealthEndpoint.start(config, streams::state, app::failed);
        } catch (RuntimeException e) {
            streams.close();
            admin.close();
            throw e;
        }
        streams.start();
        LOG.info(
                "actor-preload started: application.id={}, input={}, store={}",
                config.getString(PreloadTopologyConfig.APPLICATION_ID_CONFIG),
                config.getString(PreloadTopologyConfig.START_REQUESTS_TOPIC_CONFIG),
                store);
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

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Closes Kafka Streams (waiting up to {@code shutdown.timeout.ms}, leaving the group), the Admin client, then an
     * owned store.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        Duration timeout = Duration.ofMillis(config.getLong(PreloadTopologyConfig.SHUTDOWN_TIMEOUT_MS_CONFIG));
        try {
            // Leave the group: a static member that stays would hold its tasks until its session times out,
            // so a clean stop that is not followed by a restart would stall them that long.
            if (!streams.close(CloseOptions.timeout(timeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("Kafka Streams did not close within {} ms; closing the store anyway", timeout.toMillis());
            }
            admin.close(timeout);
        } finally {
            // Last: a probe during the shutdown hears 503, not a refused connection.
            health.ifPresent(HealthEndpoint::close);
            if (ownedStore != null) {
                ownedStore.close();
            }
            closed.countDown();
            LOG.info("actor-preload stopped");
        }
    }

    @Override
    public boolean failed() {
        return failed;
    }
}
