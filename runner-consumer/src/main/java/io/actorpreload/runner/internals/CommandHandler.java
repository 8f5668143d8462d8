package io.actorpreload.runner.internals;

import io.actorpreload.avro.StartActorCommand;
import io.actorpreload.runner.PreloadMap;

/**
 * What {@link CommandDispatcher} hands each decoded command to: {@code RunnerClient} wraps the
 * runner's {@code ActorStartupHandler} in one. The contract (thread, order, retries, commits) is
 * {@code ActorStartupHandler}'s.
 */
@FunctionalInterface
public interface CommandHandler {
    /**
     * @param command the decoded command; its byte buffers are read-only views of the record's bytes
     * @param preload its preload, or {@link PreloadMap#none()} when it has none, its status is not
     *                {@code PRELOADED}, or it is older than the configured max preload age
     */
    void handle(StartActorCommand command, PreloadMap preload) throws Exception;
}
