package io.actorpreload.schemas.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.SampleRecords;
import io.actorpreload.schemas.serde.SpecificAvroSerde;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record through the serializer, the real registry and the deserializer. */
class SerdeRoundTripIT {

    static Stream<SpecificRecord> everyRecord() {
        return SampleRecords.everyRecord().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecord")
    void shouldRoundTripThroughTheRealRegistry(SpecificRecord record) {
        String topic = RealRegistry.uniqueTopic(record.getSchema().getName());
        SpecificAvroSerde<SpecificRecord> writer = serde(record);
        SpecificAvroSerde<SpecificRecord> reader = serde(record);

        byte[] bytes = writer.serializer().serialize(topic, record);

        assertThat(reader.deserializer().deserialize(topic, bytes)).isEqualTo(record);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
                .isEqualTo(RealRegistry.client().latest(topic + "-value").id());
    }

    @SuppressWarnings("unchecked")
    private static SpecificAvroSerde<SpecificRecord> serde(SpecificRecord record) {
        SpecificAvroSerde<SpecificRecord> serde = new SpecificAvroSerde<>((Class<SpecificRecord>) record.getClass());
        serde.configure(RealRegistry.config(), false);
        return serde;
    }
}
