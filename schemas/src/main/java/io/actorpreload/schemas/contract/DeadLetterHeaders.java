package io.actorpreload.schemas.contract;

/**
 * The header names of every dead letter the pipeline writes, the topology's and the runners'
 * alike, so one replay tool reads both. They are Kafka Streams' own dead-letter header names
 * ({@code __streams.errors.*}); the record keeps its original key, value bytes and headers.
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

    private DeadLetterHeaders() {
    }
}
