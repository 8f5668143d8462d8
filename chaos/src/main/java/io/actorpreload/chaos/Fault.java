package io.actorpreload.chaos;

import io.actorpreload.demo.ActorKind;
import java.util.List;

/**
 * The faults a chaos run injects, in order, while the load flows. Each knows what to prepare
 * before its window, how to inject itself (returning the reference time that resume counts from),
 * the check of its own outcome once its window has drained, and what to undo afterwards.
 */
enum Fault {
    TOPOLOGY_RESTART("topology SIGKILL + restart", true, true) {
        @Override
        long inject(FaultContext context) {
            ChildJvm topology = context.stack().topology(ChaosRun.TOPOLOGY_A);
            topology.kill();
            long restartedAt = System.currentTimeMillis();
            topology.restart();
            return restartedAt;
        }
    },
    TOPOLOGY_PEER_TAKEOVER("topology SIGKILL, peer takes over", false, false) {
        @Override
        void prepare(FaultContext context) throws Exception {
            context.stack().startTopology(ChaosRun.TOPOLOGY_B);
            context.awaitTopologyMembersWithTasks(2);
        }

        @Override
        long inject(FaultContext context) {
            long killedAt = System.currentTimeMillis();
            context.stack().topology(ChaosRun.TOPOLOGY_B).kill();
            return killedAt;
        }
    },
    RUNNER_RESTART("runner SIGKILL + restart", true, true) {
        @Override
        long inject(FaultContext context) {
            ChildJvm runner = context.stack().runner(ChaosRun.runnerId(1));
            runner.kill();
            long restartedAt = System.currentTimeMillis();
            runner.restart();
            return restartedAt;
        }
    },
    BROKER_RESTART("broker SIGKILL + restart", false, true) {
        @Override
        long inject(FaultContext context) throws Exception {
            ProcessHandle broker = context.stack().stack().broker().processHandle();
            broker.destroyForcibly();
            broker.onExit().get();
            long restartedAt = System.currentTimeMillis();
            context.stack().stack().broker().restart();
            context.note("broker up in " + (System.currentTimeMillis() - restartedAt) + " ms");
            return restartedAt;
        }
    },
    REGISTRY_RESTART("registry stop + restart", true, true) {
        @Override
        long inject(FaultContext context) throws InterruptedException {
            context.stack().stack().registry().stop();
            Thread.sleep(3_000);
            long restartedAt = System.currentTimeMillis();
            context.stack().stack().registry().restart();
            context.note("registry up in " + (System.currentTimeMillis() - restartedAt) + " ms");
            return restartedAt;
        }
    },
    POISON_OVERSIZED("poison: 2.5 MB start request", true, false) {
        @Override
        long inject(FaultContext context) throws Exception {
            long injectedAt = System.currentTimeMillis();
            context.poison().sendOversized(POISON_ACTOR);
            return injectedAt;
        }

        @Override
        FaultCheck check(FaultContext context) {
            boolean dead = context.stack().observations().deadLetteredKeys().contains(POISON_ACTOR);
            return new FaultCheck(dead, dead ? "poison dead-lettered" : "POISON NOT DEAD-LETTERED");
        }
    },
    POISON_MANIFEST("poison: garbage manifest, live + fresh", false, true) {
        @Override
        long inject(FaultContext context) throws Exception {
            context.poison().sendGarbageManifest(GARBLED_KIND.actorType());
            // The running instance decodes it as it arrives; a fresh one (empty state dir) restores it
            // into its global store without the deserialization handler: both must start its actors.
            Thread.sleep(2_000);
            ChildJvm topology = context.stack().topology(ChaosRun.TOPOLOGY_A);
            topology.kill();
            context.stack().wipeTopologyState(ChaosRun.TOPOLOGY_A);
            long restartedAt = System.currentTimeMillis();
            topology.restart();
            return restartedAt;
        }

        @Override
        void undo(FaultContext context) {
            context.stack().republishManifest(GARBLED_KIND);
        }

        @Override
        FaultCheck check(FaultContext context) {
            return new FaultCheck(true, "restored by a fresh instance");
        }
    },
    HANDLER_THROWS("handler always throws for one actor", false, false) {
        @Override
        long inject(FaultContext context) throws Exception {
            long injectedAt = System.currentTimeMillis();
            context.poison().sendGood(THROWING_ACTOR, ChaosRun.runnerId(2));
            return injectedAt;
        }

        @Override
        FaultCheck check(FaultContext context) {
            boolean dead = context.stack().observations().runnerDeadLetters().contains(new RequestKey(THROWING_ACTOR, 1));
            return new FaultCheck(dead, dead ? "in " + io.actorpreload.schemas.contract.RunnerTopicNaming.defaults()
                    .deadLetterTopicOf(ChaosRun.runnerId(2)) : "NOT IN THE RUNNER'S DEAD LETTERS");
        }
    };

    static final String POISON_ACTOR = "chaos-poison-oversized";
    static final String THROWING_ACTOR = ChaosStack.FAILING_PREFIX + "000001";
    /** The kind whose manifest is replaced by garbage: the fresh actors, a sixth of the stream. */
    static final ActorKind GARBLED_KIND = ActorKind.FRESH;

    private final String label;
    private final boolean quick;
    private final boolean restarts;

    Fault(String label, boolean quick, boolean restarts) {
        this.label = label;
        this.quick = quick;
        this.restarts = restarts;
    }

    String label() {
        return label;
    }

    /** Whether the failed process is restarted: its time to resume counts toward the run's max resume. */
    boolean restarts() {
        return restarts;
    }

    /** The faults of a run: all, or the {@code --quick} subset. */
    static List<Fault> of(boolean quickOnly) {
        return java.util.Arrays.stream(values()).filter(fault -> fault.quick || !quickOnly).toList();
    }

    /** Before the window opens: what the fault needs (e.g. a second instance). */
    void prepare(FaultContext context) throws Exception {
    }

    /** Injects the fault; returns the time (epoch ms) resume counts from: the restart, or the injection. */
    abstract long inject(FaultContext context) throws Exception;

    /** After the window closed: puts back what the fault changed for the faults after it. */
    void undo(FaultContext context) {
    }

    /** Once the window drained: the fault's own check, beyond the counts. */
    FaultCheck check(FaultContext context) {
        return new FaultCheck(true, "");
    }

    /** A fault's own outcome: passed or not, and what to show in the table. */
    record FaultCheck(boolean passed, String note) {
    }
}
