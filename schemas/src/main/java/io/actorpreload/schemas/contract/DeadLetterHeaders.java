package io.actorpreload.schemas.contract;

/**
 * The header names of every dead letter the pipeline writes, the topology's and the runners'
 * alike, so one replay tool reads both. The record keeps its original key, value bytes and headers;
 * these are added, as UTF-8 text: Kafka Streams' own dead-letter headers ({@code __streams.errors.*})
 * and the project's ({@value #PROJECT_PREFIX}*).
 */
public final class DeadLetterHeaders {
    /** Class name of the error that made the record a dead letter. */
    public static final String EXCEPTION = "__streams.errors.exception";
    /** The error's message: what was wrong with the record. */
    public static final String MESSAGE = "__streams.errors.message";
    /** Stack trace, for unexpected errors only. */
    public static final String STACKTRACE = "__streams.errors.stacktrace";
    /** Topic, partition and offset of the source record. */
    public static final String TOPIC = "__streams.errors.topic";

    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";

    /** Prefix of the project's own dead-letter headers. */
    public static final String PROJECT_PREFIX = "actor-preload.dlq.";
    /** Why the record is a dead letter, as a short upper-case word (e.g. {@code UNDECODABLE}, {@code HANDLER_FAILED}). */
    public static final String REASON = PROJECT_PREFIX + "reason";
    /** The schema id of the value's wire-format header, when it has one. */
    public static final String SCHEMA_ID = PROJECT_PREFIX + "schema.id";
    /** How many times the record was tried. */
    public static final String ATTEMPTS = PROJECT_PREFIX + "attempts";
    /** The source record's value size in bytes, also when the value was cut or left out; absent for a null value. */
    public static final String VALUE_SIZE = PROJECT_PREFIX + "value.size";
    /** What was left out of a dead letter too large to write whole (e.g. "value"); absent when it is whole. */
    public static final String LEFT_OUT = PROJECT_PREFIX + "left.out";

    private static final String STREAMS_PREFIX = "__streams.errors.";

    /** Whether {@code name} is a header a dead letter adds (a replay drops them). */
    public static boolean isDeadLetterHeader(String name) {
        return name.startsWith(STREAMS_PREFIX) || name.startsWith(PROJECT_PREFIX);
    }

    private DeadLetterHeaders() {}
}
