package io.actorpreload.schemas.registry;

import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that may pass (retry the record) from one that will not (the record may be
 * dead-lettered), the one place the topology and the learner decide it (docs/ARCHITECTURE.md, "Faults"): a schema registry
 * that does not answer, times out or answers 5xx (also 408 and 429), and any Kafka
 * {@link RetriableException} (a broker timeout, too few in-sync replicas), anywhere in the cause
 * chain, are transient. A registry's refusal (409 incompatible, 404, 422, other 4xx) is not: it
 * will answer the same next time. Stateless.
 */
public final class TransientFailures {
    private static final int MAX_CAUSES = 16;

    private TransientFailures() {}

    /** Whether {@code error}, or a cause of it, is a transient failure. */
    public static boolean isTransient(Throwable error) {
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (cause instanceof SchemaRegistryException registryFailure) {
                return isTransient(registryFailure);
            }
            if (cause instanceof RetriableException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    private static boolean isTransient(SchemaRegistryException failure) {
        return switch (failure.reason()) {
            case UNREACHABLE, SERVER_ERROR -> true;
            default -> failure.httpStatus() == 408 || failure.httpStatus() == 429;
        };
    }
}
