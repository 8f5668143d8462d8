package io.actorpreload.runner;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.internals.CommandDispatcher;
import io.actorpreload.runner.internals.HandledCommands;
import io.actorpreload.runner.internals.CommandTopicSetup;
import io.actorpreload.schemas.serde.AvroSerdeConfig;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's end of the start-command pipeline: registers one runner (creates its command topic
 * {@code runner.<runnerId>.commands} when missing) and hands every {@link StartActorCommand} on it,
 * with its {@link PreloadMap}, to a {@link StartCommandHandler}.
 *
 * <p>Guarantees: at least once (a record's offset is committed only after the handler returned for it
 * and every record before it in its partition); in order per partition, so per actor; a redelivered
 * (actorId, generation) already handled by this client is skipped; a preload older than
 * {@link RunnerConfig#maxPreloadAge()} is dropped; a record that cannot be decoded is logged with its
 * topic, partition and offset, skipped and committed past. A handler that throws, or a registry that
 * cannot be reached, makes the client retry that record after {@link RunnerConfig#retryBackoff()}.
 *
 * <p>Lifecycle: {@link #start} creates the topic (blocking, up to the admin timeout) and starts one
 * consumer thread; {@link #close()} wakes it, commits what was handled, closes the consumer and waits
 * for the thread. Thread-safe.
 */
public final class RunnerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerClient.class);

    private final RunnerConfig config;
    private final Consumer<byte[], byte[]> consumer;
    private final CommandDispatcher dispatcher;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Throwable failure;

    private RunnerClient(RunnerConfig config, Consumer<byte[], byte[]> consumer, CommandDispatcher dispatcher) {
        this.config = config;
        this.consumer = consumer;
        this.dispatcher = dispatcher;
        this.thread = new Thread(this::run, "runner-" + config.runnerId() + "-commands");
    }

    /**
     * Registers the runner and starts each actor its commands name: for every command,
     * {@code handler} gets an {@link ActorStartup} over {@code kvClients.forActor(actorId)}, closed
     * (its preload released) when the handler returns or throws.
     *
     * @throws KafkaException when the command topic cannot be created or checked
     */
    public static RunnerClient start(RunnerConfig config, ActorKvClients kvClients, ActorStartupHandler handler) {
        Objects.requireNonNull(kvClients, "kvClients");
        Objects.requireNonNull(handler, "handler");
        return start(config, (command, preload) -> {
            try (ActorStartup startup = new ActorStartup(command, preload, kvClients.forActor(command.getActorId()))) {
                handler.start(startup);
            }
        });
    }

    /**
     * Registers the runner and delivers its commands to {@code handler}, the lower-level form: the
     * handler builds its own {@link ActorKvView}.
     *
     * @throws KafkaException when the command topic cannot be created or checked
     */
    public static RunnerClient start(RunnerConfig config, StartCommandHandler handler) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(handler, "handler");
        try (Admin admin = Admin.create(adminProperties(config))) {
            CommandTopicSetup.ensure(admin, config.commandTopic(), config.topicPartitions(),
                    config.topicReplicationFactor(), config.maxMessageBytes(), config.adminTimeout());
        }
        SpecificAvroSerde<StartActorCommand> serde = new SpecificAvroSerde<>(StartActorCommand.class);
        Map<String, Object> serdeConfig = new HashMap<>(config.clientProperties());
        serdeConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, config.schemaRegistryUrl());
        serde.configure(serdeConfig, false);
        Deserializer<StartActorCommand> deserializer = serde.deserializer();
        CommandDispatcher dispatcher = new CommandDispatcher(deserializer, handler,
                new HandledCommands(config.dedupCapacity()), config.clock(), config.maxPreloadAge());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(config.commandTopic()));
        RunnerClient client = new RunnerClient(config, consumer, dispatcher);
        client.thread.start();
        LOG.info("Runner {} consumes its start commands from {} as group {}.", config.runnerId(),
                config.commandTopic(), config.groupId());
        return client;
    }

    /** The runner's command topic. */
    public String commandTopic() {
        return config.commandTopic();
    }

    /** True until {@link #close()} or a fatal error stopped the consumer thread. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Why the consumer thread stopped on its own, if it did; then no more commands are delivered. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops delivering, commits what was handled, closes the consumer; waits for the consumer thread. */
    @Override
    public void close() {
        closing.countDown();
        consumer.wakeup();
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("RunnerClient.close() called from its own handler; call it from another thread");
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            while (closing.getCount() > 0) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(config.pollTimeout());
                boolean retry = dispatchAll(records, done);
                commit(done);
                if (retry) {
                    closing.await(config.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException e) {
            if (closing.getCount() > 0) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Runner {} stopped consuming {}: {}. No more start commands are delivered; restart the runner "
                    + "client.", config.runnerId(), config.commandTopic(), e.toString(), e);
        } finally {
            try {
                commit(done);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Dispatches a poll's records; returns true when a record must be retried after the backoff. */
    private boolean dispatchAll(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        boolean retry = false;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                try {
                    dispatcher.dispatch(record.topic(), record.partition(), record.offset(), record.value());
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (CommandDispatcher.RetryableException e) {
                    LOG.warn("{} Retrying in {}.", e.getMessage(), config.retryBackoff());
                    // Back to this record: the rest of this partition waits, so order per actor holds.
                    consumer.seek(partition, record.offset());
                    retry = true;
                    break;
                }
            }
        }
        return retry;
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (WakeupException e) {
            consumer.commitSync(done); // close() woke us during the commit: finish it.
        } catch (KafkaException e) {
            // Not fatal: the records come again and the de-duplication skips those handled here.
            LOG.warn("Runner {} could not commit its offsets {}: {}", config.runnerId(), done, e.toString());
        }
        done.clear();
    }

    private static Map<String, Object> adminProperties(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-admin");
        return props;
    }

    private static Map<String, Object> consumerProperties(RunnerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "runner-" + config.runnerId() + "-commands");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The runner creates its topic before it subscribes: every command on it is meant for this runner.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A fetch returns at least one whole record even above these limits; keep them at a command's size.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.maxMessageBytes());
        return props;
    }
}
