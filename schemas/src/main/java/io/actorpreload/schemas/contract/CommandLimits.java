package io.actorpreload.schemas.contract;

import io.actorpreload.schemas.manifest.ManifestValidation;

/**
 * The size limits the topology and the runners must agree on for start commands. The runner
 * library creates its command topic with {@link #DEFAULT_MAX_MESSAGE_BYTES}; the topology's producer
 * sends requests up to that size by default and checks at start-up that the budget fits.
 */
public final class CommandLimits {
    /**
     * Default {@code max.message.bytes} of a runner topic and {@code max.request.size} of the
     * topology's producer: 2 MiB, room for a preload of the default 1 MiB budget
     * ({@link ManifestValidation#DEFAULT_GLOBAL_BUDGET_BYTES}) with its command and Avro overhead.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    private CommandLimits() {}
}
