package io.actorpreload.runner;

/**
 * The runner's code that starts an actor, called by {@link RunnerClient} once per start command
 * with everything the start-up needs as one {@link ActorStartup}. The library closes the start-up
 * (releasing its preload) when this returns or throws.
 *
 * <p>Called on the client's single consumer thread, in offset order per partition (so in order per
 * actor). The command's offset is committed once this returns ({@link RunnerConfig#offsetCommits()}
 * says when): if the process dies first, the command is delivered again (at least once; a handler
 * that must never see one twice checks the (actorId, generation) itself). Throwing makes the client
 * retry the same command after a backoff and commit nothing past it; after
 * {@link RunnerConfig#maxHandlerAttempts()} failed attempts the command goes to the runner's
 * dead-letter topic, with the last exception's class and message, and the client moves on. So throw
 * for failures worth retrying, and expect a command that keeps failing to be set aside. Must not
 * call {@link RunnerClient#close()}.
 */
@FunctionalInterface
public interface ActorStartupHandler {
    void start(ActorStartup startup) throws Exception;
}
