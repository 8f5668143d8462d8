package io.actorpreload.runner;

import io.actorpreload.avro.StartActorCommand;

/**
 * The runner's code that starts an actor, called by {@link RunnerClient} once per start command.
 *
 * <p>Called on the client's single consumer thread, in offset order per partition (so in order per
 * actor). The command's offset is committed as soon as this returns: if the process dies first,
 * the command is delivered again (at least once; a handler that must never see one twice checks the
 * (actorId, generation) itself). Throwing makes the client retry the same command after a backoff
 * and commit nothing past it; after {@link RunnerConfig#maxHandlerAttempts()} failed attempts the
 * command goes to the runner's dead-letter topic, with the last exception's class and message, and
 * the client moves on. So throw for failures worth retrying, and expect a command that keeps failing
 * to be set aside. Must not call {@link RunnerClient#close()}.
 */
@FunctionalInterface
public interface StartCommandHandler {
    /**
     * @param command the decoded command; never null. Its byte buffers ({@code input}, those of
     *                its {@code preloadedKv}) are read-only views of the record's bytes, which
     *                {@code preload} shares ({@link PreloadMap#sharing}) instead of copying them
     * @param preload its preload, or {@link PreloadMap#none()} when it has none, its status is not
     *                {@code PRELOADED}, or it is older than the configured max preload age. Give it to
     *                one {@link ActorKvView} for this actor's start-up.
     */
    void handle(StartActorCommand command, PreloadMap preload) throws Exception;
}
