package io.actorpreload.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.internals.ClientUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreloadTopologyConfigTest {
    /** The example configuration the distribution ships. */
    private static final Path SAMPLE =
            Path.of("..", "distribution", "src", "main", "dist", "config", "actor-preload.properties");

    private static Map<String, Object> minimal() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", "127.0.0.1:9092");
        settings.put("schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7");
        return settings;
    }

    @Test
    void shouldParseAndValidateTheSampleConfiguration() throws Exception {
        PreloadTopologyConfig config = new PreloadTopologyConfig(ConfigSources.load(SAMPLE, Map.of()));
        config.validateLimits();

        assertThat(config.storeType()).isEqualTo(PreloadTopologyConfig.StoreType.ROCKSDB);
        assertThat(config.getLong(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG))
                .isEqualTo(1024 * 1024);
        assertThat(config.runnerTopicNaming().commandTopicOf("r7")).isEqualTo("runner.r7.commands");
        assertThat(config.streamsProperties()).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        assertThat(config.getLong(PreloadTopologyConfig.COMMIT_MIN_INTERVAL_MS_CONFIG))
                .isEqualTo(20);
    }

    @Test
    void shouldBatchCommandsLargerThanKafkasDefaultBatchUnlessTheBatchSizeIsGiven() {
        String batchSize = StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG);
        Map<String, Object> given = minimal();
        given.put("streams.batch.size", "32768");

        Map<String, Object> producer = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getProducerConfigs("preload-producer");
        Properties operators = new PreloadTopologyConfig(given).streamsProperties();

        assertThat(producer).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        assertThat(operators).doesNotContainKey(batchSize).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "32768");
    }

    @Test
    void shouldRestoreWithoutWaitingOnCaughtUpChangelogsUnlessTheWaitIsGiven() {
        Map<String, Object> given = minimal();
        given.put("streams.consumer.fetch.max.wait.ms", "300");

        Map<String, Object> restore = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getRestoreConsumerConfigs("restore");
        Map<String, Object> main = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getMainConsumerConfigs("group", "consumer", 0);
        Map<String, Object> operators = new StreamsConfig(new PreloadTopologyConfig(given).streamsProperties())
                .getRestoreConsumerConfigs("restore");

        assertThat(restore.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).hasToString("50");
        assertThat(main.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).isNull();
        assertThat(operators.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).hasToString("300");
    }

    @Test
    void shouldRetryTransactionalRequestsSoonUnlessTheBackoffIsGiven() {
        Map<String, Object> given = minimal();
        given.put("streams.producer.retry.backoff.ms", "250");

        Map<String, Object> producer = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getProducerConfigs("preload-producer");
        Map<String, Object> operators = new StreamsConfig(new PreloadTopologyConfig(given).streamsProperties())
                .getProducerConfigs("preload-producer");
        Map<String, Object> consumer = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getMainConsumerConfigs("group", "consumer", 0);

        assertThat(producer).containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10L);
        assertThat(operators.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)).hasToString("250");
        assertThat(consumer.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)).isNotEqualTo(10L);
    }

    @Test
    void shouldNotWarnAboutTheGlobalProcessingHandlerWhenAStreamThreadConfiguresItsAssignor() {
        // Each stream thread's partition assignor rebuilds a StreamsConfig from the main consumer's
        // settings only: AssignorConfiguration's first step is new QuietStreamsConfig(consumerConfigs),
        // and that config warned although the application enables the handler.
        Map<String, Object> consumer = new StreamsConfig(new PreloadTopologyConfig(minimal()).streamsProperties())
                .getMainConsumerConfigs("preload", "preload-StreamThread-1-consumer", 0);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new ClientUtils.QuietStreamsConfig(consumer);
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("not enabled for the GlobalThread");
        assertThat(new StreamsConfig(consumer)
                        .getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG))
                .isTrue();
    }

    @Test
    void shouldDocumentEveryDeclaredKeyInTheSampleConfiguration() throws Exception {
        Properties sample = new Properties();
        try (var reader = Files.newBufferedReader(SAMPLE)) {
            sample.load(reader);
        }
        assertThat(sample.stringPropertyNames())
                .containsAll(PreloadTopologyConfig.configDef().names());
    }

    @Test
    void shouldPassEveryRegistrySettingToTheSerdesAndRegisterCommandsUnderTheRecordSubject() {
        Map<String, Object> settings = minimal();
        settings.put("basic.auth.user.info", "topology:secret");
        settings.put("schema.registry.ssl.truststore.location", "/etc/registry/trust.p12");
        settings.put("schema.registry.ssl.truststore.password", "changeit");
        settings.put("schema.registry.request.timeout.ms", "5000");

        Map<String, Object> serde = new PreloadTopologyConfig(settings).serdeConfigs();

        assertThat(serde)
                .containsEntry("schema.registry.url", "http://127.0.0.1:8080/apis/ccompat/v7")
                .containsEntry("basic.auth.user.info", "topology:secret")
                .containsEntry("schema.registry.ssl.truststore.location", "/etc/registry/trust.p12")
                .containsEntry("schema.registry.ssl.truststore.password", "changeit")
                .containsEntry("schema.registry.request.timeout.ms", "5000")
                .containsEntry("value.subject.name.strategy", "record");
    }

    @Test
    void shouldRefuseAnUnknownSubjectStrategy() {
        Map<String, Object> settings = minimal();
        settings.put("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.Mine");
        assertThatThrownBy(() -> new PreloadTopologyConfig(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy");
    }

    @Test
    void shouldDefaultToExactlyOnceAndAProducerRequestSizeThatFitsTheBudget() {
        PreloadTopologyConfig config = new PreloadTopologyConfig(minimal());
        config.validateLimits();

        Properties streams = config.streamsProperties();
        assertThat(streams).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(streams)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "actor-start-requests.dlq");
        assertThat(config.producerMaxRequestSize()).isGreaterThan(1024 * 1024);
    }

    @Test
    void shouldMakeEachStreamThreadAStaticMemberNamedAfterTheInstanceId() {
        Map<String, Object> settings = minimal();
        settings.put("instance.id", "preload-a");
        StreamsConfig streams = new StreamsConfig(new PreloadTopologyConfig(settings).streamsProperties());

        Map<String, Object> secondThread = streams.getMainConsumerConfigs("actor-preload", "client", 1);
        assertThat(secondThread)
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "preload-a-1")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        assertThat(streams.getRestoreConsumerConfigs("client"))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(streams.getGlobalConsumerConfigs("client"))
                .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void shouldStayADynamicMemberWithoutAnInstanceIdAndKeepAGivenSessionTimeout() {
        Map<String, Object> settings = minimal();
        settings.put("streams.session.timeout.ms", "20000");
        StreamsConfig streams = new StreamsConfig(new PreloadTopologyConfig(settings).streamsProperties());

        Map<String, Object> consumer = streams.getMainConsumerConfigs("actor-preload", "client", 0);
        assertThat(consumer).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).hasToString("20000");
    }

    @Test
    void shouldLetEnvironmentVariablesOverrideTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nschema.registry.url=mock://x\n");

        Map<String, String> settings = ConfigSources.load(
                file,
                Map.of(
                        "ACTOR_PRELOAD_BOOTSTRAP_SERVERS", "env:9092",
                        "ACTOR_PRELOAD_STREAMS_COMMIT_INTERVAL_MS", "50",
                        "PATH", "/usr/bin"));

        assertThat(settings)
                .containsEntry("bootstrap.servers", "env:9092")
                .containsEntry("streams.commit.interval.ms", "50")
                .containsEntry("schema.registry.url", "mock://x")
                .doesNotContainKey("path");
    }

    @Test
    void shouldReportEveryLimitMistakeAtOnce() {
        Map<String, Object> settings = minimal();
        settings.put(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, "4000000");
        settings.put("streams.processing.guarantee", "exactly_once");

        assertThatThrownBy(() -> new PreloadTopologyConfig(settings).validateLimits())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.producer.max.request.size")
                .hasMessageContaining("runner.topic.max.message.bytes")
                .hasMessageContaining("exactly_once_v2");
    }

    @Test
    void shouldRejectABudgetAboveTheProducerRequestSize() {
        Map<String, Object> settings = minimal();
        settings.put("streams.producer.max.request.size", "1048576");

        assertThatThrownBy(() -> new PreloadTopologyConfig(settings).validateLimits())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max.request.size=1048576")
                .hasMessageNotContaining("runner.topic.max.message.bytes=");
    }

    @Test
    void shouldRejectBadSingleValuesWithTheKeyAndValue() {
        Map<String, Object> pattern = minimal();
        pattern.put(PreloadTopologyConfig.RUNNER_TOPIC_PATTERN_CONFIG, "runner.commands");
        assertThatThrownBy(() -> new PreloadTopologyConfig(pattern))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.runner.commands.pattern");

        Map<String, Object> url = minimal();
        url.put(PreloadTopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, "127.0.0.1:8080");
        assertThatThrownBy(() -> new PreloadTopologyConfig(url))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");

        Map<String, Object> store = minimal();
        store.put(PreloadTopologyConfig.STORE_TYPE_CONFIG, "cassandra");
        assertThatThrownBy(() -> new PreloadTopologyConfig(store))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.type");

        Map<String, Object> budget = minimal();
        budget.put(PreloadTopologyConfig.GLOBAL_BUDGET_BYTES_CONFIG, "-1");
        assertThatThrownBy(() -> new PreloadTopologyConfig(budget))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("preload.global.budget.bytes");

        Map<String, Object> topic = minimal();
        topic.put(PreloadTopologyConfig.DEAD_LETTER_TOPIC_CONFIG, "dead letters");
        assertThatThrownBy(() -> new PreloadTopologyConfig(topic))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic.dead.letters");
    }

    @Test
    void shouldRequireBootstrapServersAndRegistry() {
        assertThatThrownBy(() -> new PreloadTopologyConfig(Map.of("schema.registry.url", "http://127.0.0.1:8080")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> new PreloadTopologyConfig(Map.of("bootstrap.servers", "127.0.0.1:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
