package io.actorpreload.runner;

/**
 * The runner's KV store, as the runner library asks for it: one {@link KvClient} per actor
 * start-up, scoped to that actor's keys. Supplied once, to {@link RunnerClient#start(RunnerConfig,
 * ActorKvClients, ActorStartupHandler)}; called on the client's consumer thread. Must be thread-safe
 * if the runner hands it to several clients.
 */
@FunctionalInterface
public interface ActorKvClients {
    /** The KV client of actor {@code actorId}; every call on it is one round trip to the store. */
    KvClient forActor(String actorId);
}
