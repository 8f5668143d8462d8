package io.actorpreload.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.actorpreload.avro.StartActorCommand;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectNameStrategyTest {
    private static final Schema COMMAND = StartActorCommand.getClassSchema();

    @ParameterizedTest
    @CsvSource({
        "topic, false, runner.a.commands-value",
        "TopicNameStrategy, true, runner.a.commands-key",
        "record, false, io.actorpreload.avro.StartActorCommand",
        "io.confluent.kafka.serializers.subject.RecordNameStrategy, true, io.actorpreload.avro.StartActorCommand",
        "topic_record, false, runner.a.commands-io.actorpreload.avro.StartActorCommand",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, false, runner.a.commands-io.actorpreload.avro.StartActorCommand",
    })
    void shouldNameSubjectsLikeConfluentsStrategies(String name, boolean isKey, String subject) {
        assertThat(SubjectNameStrategy.named(name).orElseThrow().subject("runner.a.commands", isKey, COMMAND))
                .isEqualTo(subject);
    }

    @ParameterizedTest
    @CsvSource({"value.subject.name.strategy", "key.subject.name.strategy"})
    void shouldRefuseAnUnknownStrategyNamingTheKey(String key) {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(key, "com.example.MyStrategy")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("com.example.MyStrategy");
    }
}
