package io.actorpreload.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransientFailuresTest {
    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("registry unreachable", registry(0, 0), true),
                Arguments.of("registry 503", registry(503, 0), true),
                Arguments.of("registry 500 with error code", registry(500, 50001), true),
                Arguments.of("registry 408", registry(408, 0), true),
                Arguments.of("registry 429", registry(429, 0), true),
                Arguments.of("registry 409 incompatible", registry(409, 409), false),
                Arguments.of("registry 422 invalid schema", registry(422, 42201), false),
                Arguments.of("registry 404 subject not found", registry(404, 40401), false),
                Arguments.of("registry 401", registry(401, 0), false),
                Arguments.of(
                        "serializer wrapping an unreachable registry",
                        new SerializationException("Cannot get a schema id", registry(0, 0)),
                        true),
                Arguments.of(
                        "serializer wrapping a 409", new SerializationException("refused", registry(409, 409)), false),
                Arguments.of("Kafka timeout", new TimeoutException("no answer"), true),
                Arguments.of("not enough replicas", new NotEnoughReplicasException("too few in sync"), true),
                Arguments.of("a bad request", new IllegalArgumentException("no such topic"), false),
                Arguments.of("a bug", new IllegalStateException("oops", new NullPointerException()), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void shouldTellTransientFailuresFromPermanentOnes(String what, Exception failure, boolean expected) {
        assertThat(TransientFailures.isTransient(failure)).isEqualTo(expected);
    }

    private static SchemaRegistryException registry(int status, int errorCode) {
        return new SchemaRegistryException("POST /subjects/s/versions", status, errorCode, "test");
    }
}
