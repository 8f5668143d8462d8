package io.actorpreload.chaos;

import io.actorpreload.avro.ActorStartRequested;
import io.actorpreload.demo.ActorKind;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steady stream of good start requests: {@code ratePerSecond} requests a second, each for a new
 * actor id ({@link #actorId(int)}, generation 1), round-robin over the runners, tagged with the
 * fault window current when it was sent. A request counts as sent once the broker acknowledged it;
 * the producer waits out a broker outage (idempotent, long delivery timeout).
 *
 * <p>Lifecycle: {@link #start} starts the sending thread; {@link #stop()} ends it and flushes;
 * {@link #close()} also closes the producer. The getters are thread-safe.
 */
final class LoadGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    private final KafkaProducer<String, ActorStartRequested> producer;
    private final List<String> runnerIds;
    private final int ratePerSecond;
    private final Thread thread;
    private final List<SentRequest> sent = new ArrayList<>();
    private final AtomicInteger failedSends = new AtomicInteger();
    private volatile int window;
    private volatile boolean running = true;

    private LoadGenerator(
            KafkaProducer<String, ActorStartRequested> producer, List<String> runnerIds, int ratePerSecond) {
        this.producer = producer;
        this.runnerIds = List.copyOf(runnerIds);
        this.ratePerSecond = ratePerSecond;
        this.thread = new Thread(this::run, "chaos-load");
    }

    static LoadGenerator start(String bootstrapServers, String registryUrl, List<String> runnerIds, int ratePerSecond) {
        SpecificAvroSerde<ActorStartRequested> serde = new SpecificAvroSerde<>(ActorStartRequested.class);
        serde.configure(Map.of("schema.registry.url", registryUrl), false);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000);
        LoadGenerator load = new LoadGenerator(
                new KafkaProducer<>(config, new StringSerializer(), serde.serializer()), runnerIds, ratePerSecond);
        load.thread.start();
        return load;
    }

    /** The id of the {@code index}-th request's actor; the first ones are seeded in the store. */
    static String actorId(int index) {
        return "chaos-%06d".formatted(index);
    }

    /**
     * The kind of the {@code index}-th actor: the demo's mix, but the two kinds with megabyte-sized
     * preloads are replaced by the typical one, so that 2 cores keep up with the stream.
     */
    static ActorKind kindOf(int index) {
        ActorKind kind = ActorKind.ofIndex(index);
        return kind == ActorKind.HEAVY_PAGES || kind == ActorKind.HUGE_STATE ? ActorKind.TYPICAL : kind;
    }

    private void run() {
        long begin = System.nanoTime();
        int index = 0;
        try {
            while (running) {
                long due = (System.nanoTime() - begin) * ratePerSecond / 1_000_000_000L;
                while (index < due && running) {
                    send(index++);
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The load generator stopped: {}", e.toString(), e);
        }
    }

    private void send(int index) {
        String actorId = actorId(index);
        String runnerId = runnerIds.get(index % runnerIds.size());
        int tag = window;
        long sentAt = System.currentTimeMillis();
        ActorStartRequested request = ActorStartRequested.newBuilder()
                .setActorId(actorId)
                .setGeneration(1)
                .setNamespace("chaos")
                .setActorName(kindOf(index).actorType())
                .setRunnerId(runnerId)
                .setRequestedAt(Instant.ofEpochMilli(sentAt))
                .build();
        producer.send(new ProducerRecord<>(PipelineTopics.START_REQUESTS, actorId, request), (metadata, error) -> {
            if (error != null) {
                failedSends.incrementAndGet();
                LOG.warn(
                        "The start request of {} was not acknowledged: {}; it is not counted as sent",
                        actorId,
                        error.toString());
                return;
            }
            synchronized (sent) {
                sent.add(new SentRequest(new RequestKey(actorId, 1), runnerId, metadata.partition(), sentAt, tag));
            }
        });
    }

    /** From now on, requests belong to window {@code index}. */
    void window(int index) {
        window = index;
    }

    /** Every acknowledged request so far. */
    List<SentRequest> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    int failedSends() {
        return failedSends.get();
    }

    /** Stops sending and waits until every request sent so far is acknowledged or failed. */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
    }

    @Override
    public void close() throws InterruptedException {
        if (running) {
            stop();
        }
        producer.close();
    }
}
