package io.actorpreload.schemas.registry;

/**
 * A schema-registry request failed. Carries the HTTP status and the registry's {@code error_code}
 * and message as it sent them, and a {@link Reason} derived from them, so callers branch on the
 * reason rather than on numbers.
 *
 * <p>{@link #httpStatus()} and {@link #errorCode()} are 0 when the registry never answered
 * ({@link Reason#UNREACHABLE}) or sent no error code.
 */
public final class SchemaRegistryException extends RuntimeException {

    /** What went wrong, in the caller's terms. */
    public enum Reason {
        /** 409: the schema breaks the subject's compatibility level. */
        INCOMPATIBLE,
        /** 40401: no such subject. */
        SUBJECT_NOT_FOUND,
        /** 40402: no such version. */
        VERSION_NOT_FOUND,
        /** 40403 (or 404 on an id or lookup): no such schema. */
        SCHEMA_NOT_FOUND,
        /** 42201 (or a bare 422): the schema is not a valid Avro schema. */
        INVALID_SCHEMA,
        /** Another 4xx: the request was refused (bad version, bad compatibility level, authentication...). */
        REQUEST_REFUSED,
        /** 5xx after the configured retries. */
        SERVER_ERROR,
        /** No answer (connection refused, timeout) after the configured retries. */
        UNREACHABLE
    }

    private final Reason reason;
    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    /**
     * @param request what was asked, e.g. {@code "POST /subjects/orders-value/versions"}
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param errorCode the registry's {@code error_code}, 0 when it sent none
     * @param registryMessage the registry's message, or a description of the failure
     */
    public SchemaRegistryException(String request, int httpStatus, int errorCode, String registryMessage) {
        this(request, httpStatus, errorCode, registryMessage, null);
    }

    public SchemaRegistryException(
            String request, int httpStatus, int errorCode, String registryMessage, Throwable cause) {
        super(describe(request, reasonOf(httpStatus, errorCode), httpStatus, errorCode, registryMessage), cause);
        this.reason = reasonOf(httpStatus, errorCode);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public Reason reason() {
        return reason;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message (never null; empty when it sent none). */
    public String registryMessage() {
        return registryMessage == null ? "" : registryMessage;
    }

    static Reason reasonOf(int httpStatus, int errorCode) {
        if (httpStatus == 0) {
            return Reason.UNREACHABLE;
        }
        if (httpStatus == 409 || errorCode == 409) {
            return Reason.INCOMPATIBLE;
        }
        switch (errorCode) {
            case 40401:
                return Reason.SUBJECT_NOT_FOUND;
            case 40402:
                return Reason.VERSION_NOT_FOUND;
            case 40403:
                return Reason.SCHEMA_NOT_FOUND;
            case 42201:
                return Reason.INVALID_SCHEMA;
            default:
                break;
        }
        if (httpStatus == 404) {
            return Reason.SCHEMA_NOT_FOUND;
        }
        if (httpStatus == 422 && (errorCode == 0 || errorCode == 422)) {
            return Reason.INVALID_SCHEMA;
        }
        if (httpStatus >= 500) {
            return Reason.SERVER_ERROR;
        }
        return Reason.REQUEST_REFUSED;
    }

    private static String describe(String request, Reason reason, int httpStatus, int errorCode, String message) {
        String answer = httpStatus == 0
                ? "no answer"
                : "HTTP " + httpStatus + (errorCode == 0 ? "" : ", error_code " + errorCode);
        String text = message == null ? "" : message.strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return "Schema registry " + request + " failed: " + reason + " (" + answer + "): " + text
                + hint(reason, httpStatus);
    }

    private static String hint(Reason reason, int httpStatus) {
        if (httpStatus == 401) {
            return ". The registry wants credentials it did not get or did not accept: check basic.auth.user.info"
                    + " (user:password).";
        }
        if (httpStatus == 403) {
            return ". The registry accepted the credentials but does not allow this: check the permissions of the"
                    + " user in basic.auth.user.info.";
        }
        switch (reason) {
            case INCOMPATIBLE:
                return ". Make the change compatible (e.g. give new fields a default) or change the subject's compatibility level.";
            case UNREACHABLE:
                return ". Check schema.registry.url and that the registry is running.";
            case SCHEMA_NOT_FOUND:
            case SUBJECT_NOT_FOUND:
                return ". Check the subject and id, or register the schema first.";
            default:
                return ".";
        }
    }
}
