package io.actorpreload.runner;

/**
 * The runner's code that starts an actor, given everything its start-up needs as one
 * {@link ActorStartup}. The library closes the start-up (releasing its preload) when this returns
 * or throws. Otherwise the contract of {@link StartCommandHandler} holds: one consumer thread, in
 * order per actor, committed only after this returns, retried when it throws.
 */
@FunctionalInterface
public interface ActorStartupHandler {
    void start(ActorStartup startup) throws Exception;
}
