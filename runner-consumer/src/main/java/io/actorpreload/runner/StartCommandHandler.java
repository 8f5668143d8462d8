package io.actorpreload.runner;

import io.actorpreload.avro.StartActorCommand;

/**
 * The runner's code that starts an actor, called by {@link RunnerClient} once per start command.
 *
 * <p>Called on the client's single consumer thread, in offset order per partition (so in order per
 * actor). The command's offset is committed only after this returns: if the process dies first,
 * the command is delivered again (at least once). Throwing makes the client retry the same command
 * after the retry backoff and commit nothing past it, so throw only for failures worth retrying.
 * Must not call {@link RunnerClient#close()}.
 */
@FunctionalInterface
public interface StartCommandHandler {
    /**
     * @param command the decoded command; never null
     * @param preload its preload, or {@link PreloadMap#none()} when it has none, its status is not
     *                {@code PRELOADED}, or it is older than the configured max preload age. Give it to
     *                one {@link ActorKvView} for this actor's start-up.
     */
    void handle(StartActorCommand command, PreloadMap preload) throws Exception;
}
