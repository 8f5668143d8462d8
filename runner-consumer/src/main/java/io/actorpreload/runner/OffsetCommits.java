package io.actorpreload.runner;

/**
 * When a {@link RunnerClient} commits the offsets of the commands it has done (handled, skipped or
 * dead-lettered): the choice between a killed runner repeating nothing and the broker serving one
 * offset commit per command. Either way nothing is lost: an offset is committed only after its
 * command is done, a partition taken away in a rebalance is committed up to what was done, and
 * redeliveries within one process are skipped by (actorId, generation).
 */
public enum OffsetCommits {
    /**
     * The default. Each command's offset commit is sent when it is done, before the next handler
     * runs, so a runner killed (SIGKILL) while a handler runs repeats at most that command after
     * its restart: each start reaches the handler once across the kill. Costs the broker an offset
     * commit per command, which at thousands of starts per second is much of its work
     * (docs/BENCHMARKS.md, "runner-drain").
     */
    EACH_COMMAND,
    /**
     * One commit per partition per poll, after its commands are done. A killed runner's successor
     * may hand the commands of the killed runner's last poll (at most the consumer's
     * {@code max.poll.records}, 500 by default) to the handler a second time: at least once across
     * a kill, exactly once otherwise. For runners whose start is idempotent per (actorId,
     * generation) and that start thousands of actors per second.
     */
    EACH_POLL
}
