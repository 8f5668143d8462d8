package io.actorpreload.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.actorpreload.schemas.registry.SchemaRegistryException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaRegistryExceptionTest {

    @ParameterizedTest(name = "HTTP {0}, error_code {1} -> {2}")
    @CsvSource({
        "409, 409, INCOMPATIBLE",
        "409, 0, INCOMPATIBLE",
        "404, 40401, SUBJECT_NOT_FOUND",
        "404, 40402, VERSION_NOT_FOUND",
        "404, 40403, SCHEMA_NOT_FOUND",
        "404, 0, SCHEMA_NOT_FOUND",
        "422, 42201, INVALID_SCHEMA",
        "422, 0, INVALID_SCHEMA",
        "422, 42203, REQUEST_REFUSED",
        "401, 0, REQUEST_REFUSED",
        "500, 50001, SERVER_ERROR",
        "0, 0, UNREACHABLE"
    })
    void shouldDeriveTheReasonFromStatusAndErrorCode(int status, int errorCode, Reason reason) {
        SchemaRegistryException e = new SchemaRegistryException("GET /x", status, errorCode, "msg");

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.errorCode()).isEqualTo(errorCode);
        assertThat(e.registryMessage()).isEqualTo("msg");
        assertThat(e.getMessage()).contains("GET /x", reason.name(), "msg");
    }
}
