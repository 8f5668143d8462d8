package io.actorpreload.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record of the schemas module survives Avro binary unchanged, every optional field set. */
class AvroBinaryRoundTripTest {

    static Stream<SpecificRecord> everyRecord() {
        return SampleRecords.everyRecord().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRecord")
    void shouldRoundTripThroughAvroBinary(SpecificRecord record) {
        byte[] bytes = AvroBinary.write(record);

        assertThat(AvroBinary.readSpecific(record.getClass(), record.getSchema(), bytes))
                .isEqualTo(record);
    }
}
