package io.actorpreload.runner.internals;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why one command was neither handled nor skipped, as {@link CommandDispatcher} found it: which
 * {@link Kind} of failure, the schema id of its bytes when they have one, and the underlying cause.
 * What to do about it (retry, when, or dead-letter) is {@link CommandRetries}' decision.
 */
public final class CommandFailure extends Exception {
    /** What kind of failure; each has its own retry rule. */
    public enum Kind {
        /** The bytes are not a readable command: never retried. */
        UNDECODABLE(false),
        /** The record has no value: never retried. */
        NO_VALUE(false),
        /** The registry answered that it has no schema with the command's id: retried for a while. */
        UNKNOWN_SCHEMA_ID(true),
        /** The registry could not be asked (unreachable, 5xx, refused): retried without limit. */
        REGISTRY_UNAVAILABLE(true),
        /** The handler threw: retried up to the configured attempts. */
        HANDLER_FAILED(false);

        private final boolean schemaLookup;

        Kind(boolean schemaLookup) {
            this.schemaLookup = schemaLookup;
        }

        /** Whether the command waits for its writer schema. */
        public boolean isSchemaLookup() {
            return schemaLookup;
        }
    }

    private final Kind kind;
    private final OptionalInt schemaId;

    public CommandFailure(Kind kind, OptionalInt schemaId, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.schemaId = Objects.requireNonNull(schemaId, "schemaId");
    }

    public Kind kind() {
        return kind;
    }

    /** The schema id in the value's wire-format header, when it has one. */
    public OptionalInt schemaId() {
        return schemaId;
    }

    /** The exception to report in the dead letter: the cause when there is one, else this. */
    public Throwable reported() {
        return getCause() != null ? getCause() : this;
    }
}
