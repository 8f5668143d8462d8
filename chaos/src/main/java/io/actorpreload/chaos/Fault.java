package io.actorpreload.chaos;

import io.actorpreload.avro.PreloadStatus;
import io.actorpreload.demo.ActorKind;
import io.actorpreload.demo.LocalStore;
import io.actorpreload.localstack.FoundationDbCluster;
import io.actorpreload.localstack.KafkaBroker;
import io.actorpreload.localstack.KafkaCluster;
import io.actorpreload.schemas.contract.PipelineTopics;
import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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

        /** The restart as users see it: how long until the first start requested after the kill was handled. */
        @Override
        FaultCheck check(FaultContext context) {
            return new FaultCheck(
                    true,
                    context.firstHandledOfSentFrom(context.injectedMillis()).stream()
                            .mapToObj(first -> "first new start handled " + (first - context.referenceMillis())
                                    + " ms after the restart, " + (first - context.injectedMillis())
                                    + " ms after the kill")
                            .findFirst()
                            .orElse("no new start handled"));
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
    BROKER_RESTART("broker SIGKILL + restart", false, true, Needs.ONE_BROKER) {
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
    BROKER_LEADER_KILL("requests' leader broker SIGKILL, 10 s", true, true, Needs.REPLICATED) {
        @Override
        long inject(FaultContext context) throws Exception {
            KafkaBroker leader = context.stack().stack().brokers().leaderOf(PipelineTopics.START_REQUESTS, 0);
            return killAndRestart(context, List.of(leader), "leader of " + PipelineTopics.START_REQUESTS + "-0");
        }
    },
    BROKER_COORDINATOR_KILL("txn coordinator broker SIGKILL, 10 s", false, true, Needs.REPLICATED) {
        @Override
        long inject(FaultContext context) throws Exception {
            KafkaCluster brokers = context.stack().stack().brokers();
            KafkaBroker coordinator = brokers.transactionCoordinatorOfPrefix(ChaosStack.APPLICATION_ID + "-");
            String runnerTopic = RunnerTopicNaming.defaults().commandTopicOf(ChaosRun.runnerId(1));
            KafkaBroker runnerLeader = brokers.leaderOf(runnerTopic, 0);
            String what = "transaction coordinator" + (coordinator == runnerLeader ? ", leader of " + runnerTopic : "");
            return killAndRestart(context, List.of(coordinator), what);
        }
    },
    BROKER_CONTROLLER_KILL("active controller SIGKILL, 10 s", false, true, Needs.REPLICATED) {
        @Override
        long inject(FaultContext context) throws Exception {
            KafkaBroker controller = context.stack().stack().brokers().activeController();
            return killAndRestart(context, List.of(controller), "active controller");
        }
    },
    BROKERS_ROLLING_RESTART("rolling restart of the 3 brokers", false, true, Needs.REPLICATED) {
        @Override
        long inject(FaultContext context) {
            KafkaCluster brokers = context.stack().stack().brokers();
            long begin = System.currentTimeMillis();
            for (KafkaBroker node : brokers.nodes()) {
                node.stop();
                node.restart();
                brokers.awaitReplicasInSync(IN_SYNC_PATIENCE);
            }
            context.note("3 brokers restarted one by one, each back in sync, in " + (System.currentTimeMillis() - begin)
                    + " ms");
            return begin;
        }
    },
    BROKERS_TWO_DOWN("2 of 3 brokers SIGKILL for 10 s", false, true, Needs.REPLICATED) {
        @Override
        long inject(FaultContext context) throws Exception {
            KafkaCluster brokers = context.stack().stack().brokers();
            KafkaBroker leader = brokers.leaderOf(PipelineTopics.START_REQUESTS, 0);
            KafkaBroker other = brokers.nodes().stream()
                    .filter(node -> node != leader)
                    .findFirst()
                    .orElseThrow();
            // Below min.insync.replicas nothing is acknowledged: starts resume only once a broker is back.
            killAndRestart(context, List.of(leader, other), "below min.insync.replicas");
            return context.restartedMillis();
        }
    },
    FDB_PROCESS_RESTART("FoundationDB process SIGKILL + restart", true, true, Needs.FOUNDATIONDB) {
        @Override
        long inject(FaultContext context) throws InterruptedException {
            return storeDown(context, "1 of 3 processes", cluster -> cluster.kill(0), cluster -> cluster.restart(0));
        }

        @Override
        FaultCheck check(FaultContext context) {
            return new FaultCheck(true, statuses(context.windowStatuses().values()));
        }
    },
    FDB_ALL_DOWN("FoundationDB all 3 processes SIGKILL", true, true, Needs.FOUNDATIONDB) {
        @Override
        long inject(FaultContext context) throws InterruptedException {
            return storeDown(context, "store", FoundationDbCluster::killAll, FoundationDbCluster::restartAll);
        }

        /** Starts went on without their preload while the store was down, and with it once it was back. */
        @Override
        FaultCheck check(FaultContext context) {
            Map<RequestKey, PreloadStatus> statuses = context.windowStatuses();
            long storeErrors = statuses.values().stream()
                    .filter(status -> status == PreloadStatus.STORE_ERROR)
                    .count();
            List<RequestKey> afterwards = context.sentFrom(context.referenceMillis() + STORE_BACK_MS);
            boolean preloadedAgain = afterwards.stream().anyMatch(key -> statuses.get(key) == PreloadStatus.PRELOADED);
            String note = statuses(statuses.values()) + (preloadedAgain ? "" : "; NOT PRELOADED AGAIN");
            return new FaultCheck(
                    storeErrors > 0 && preloadedAgain, storeErrors > 0 ? note : note + "; NO STORE_ERROR SEEN");
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
            boolean dead =
                    context.stack().observations().runnerDeadLetters().contains(new RequestKey(THROWING_ACTOR, 1));
            return new FaultCheck(
                    dead,
                    dead
                            ? "in "
                                    + io.actorpreload.schemas.contract.RunnerTopicNaming.defaults()
                                            .deadLetterTopicOf(ChaosRun.runnerId(2))
                            : "NOT IN THE RUNNER'S DEAD LETTERS");
        }
    };

    static final String POISON_ACTOR = "chaos-poison-oversized";
    /** How long a FoundationDB fault keeps its processes down. */
    static final long STORE_DOWN_MS = 5_000;
    /** After the store is back, requests sent this much later must be preloaded again. */
    static final long STORE_BACK_MS = 3_000;

    /** How long a broker fault keeps its brokers down. */
    static final long BROKERS_DOWN_MS = 10_000;
    /** How long a rolling restart waits for every replica to be back in sync before the next broker. */
    static final Duration IN_SYNC_PATIENCE = Duration.ofSeconds(120);

    static final String THROWING_ACTOR = ChaosStack.FAILING_PREFIX + "000001";
    /** The kind whose manifest is replaced by garbage: the fresh actors, a sixth of the stream. */
    static final ActorKind GARBLED_KIND = ActorKind.FRESH;

    private final String label;
    private final boolean quick;
    private final boolean restarts;
    private final Needs needs;

    /** The stack a fault needs to be in a run. */
    enum Needs {
        ANY,
        /** The FoundationDB cluster ({@code --store fdb}). */
        FOUNDATIONDB,
        /** One broker: its outage is the whole cluster's. */
        ONE_BROKER,
        /** The replicated cluster ({@code --brokers 3}). */
        REPLICATED
    }

    Fault(String label, boolean quick, boolean restarts) {
        this(label, quick, restarts, Needs.ANY);
    }

    Fault(String label, boolean quick, boolean restarts, Needs needs) {
        this.label = label;
        this.quick = quick;
        this.restarts = restarts;
        this.needs = needs;
    }

    String label() {
        return label;
    }

    /** Whether the failed process is restarted: its time to resume counts toward the run's max resume. */
    boolean restarts() {
        return restarts;
    }

    /**
     * The faults of a run: all, or the {@code --quick} subset; the FoundationDB ones only on FoundationDB,
     * the replicated cluster's instead of the single broker's on {@code --brokers 3}.
     */
    static List<Fault> of(boolean quickOnly, LocalStore.Kind store, int brokers) {
        return Arrays.stream(values())
                .filter(fault -> fault.quick || !quickOnly)
                .filter(fault -> switch (fault.needs) {
                    case ANY -> true;
                    case FOUNDATIONDB -> store == LocalStore.Kind.FDB;
                    case ONE_BROKER -> brokers == 1;
                    case REPLICATED -> brokers > 1;
                })
                .toList();
    }

    /**
     * SIGKILLs {@code nodes} (by their handles), keeps them down {@value #BROKERS_DOWN_MS} ms, starts them
     * again one after the other and notes it; returns when the first was killed (a cluster that fails
     * over resumes before they are back). {@link FaultContext#restartedMillis()} says when the restart began.
     */
    static long killAndRestart(FaultContext context, List<KafkaBroker> nodes, String what) throws Exception {
        long killedAt = System.currentTimeMillis();
        for (KafkaBroker node : nodes) {
            ProcessHandle process = node.processHandle();
            process.destroyForcibly();
            process.onExit().get();
        }
        Thread.sleep(BROKERS_DOWN_MS);
        long restartedAt = System.currentTimeMillis();
        context.restarted(restartedAt);
        for (KafkaBroker node : nodes) {
            node.restart();
        }
        context.note("broker" + (nodes.size() > 1 ? "s " : " ")
                + nodes.stream().map(node -> String.valueOf(node.nodeId())).collect(Collectors.joining(","))
                + " (" + what + ") down " + BROKERS_DOWN_MS + " ms; back in "
                + (System.currentTimeMillis() - restartedAt)
                + " ms");
        return killedAt;
    }

    /**
     * Kills FoundationDB processes ({@code kill}), keeps them down {@value #STORE_DOWN_MS} ms, starts
     * them again ({@code restart}, which waits until the database is available) and notes how long
     * that took; returns when the restart began.
     */
    static long storeDown(
            FaultContext context,
            String what,
            Consumer<FoundationDbCluster> kill,
            Consumer<FoundationDbCluster> restart)
            throws InterruptedException {
        FoundationDbCluster cluster = context.stack().foundationDb().orElseThrow();
        kill.accept(cluster);
        Thread.sleep(STORE_DOWN_MS);
        long restartedAt = System.currentTimeMillis();
        restart.accept(cluster);
        context.note(
                what + " down " + STORE_DOWN_MS + " ms; back in " + (System.currentTimeMillis() - restartedAt) + " ms");
        return restartedAt;
    }

    /** How many of the window's starts went out with each preload status, e.g. "PRELOADED 180, STORE_ERROR 42". */
    static String statuses(java.util.Collection<PreloadStatus> statuses) {
        Map<PreloadStatus, Long> counts = new java.util.EnumMap<>(PreloadStatus.class);
        statuses.forEach(status -> counts.merge(status, 1L, Long::sum));
        return counts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Before the window opens: what the fault needs (e.g. a second instance). */
    void prepare(FaultContext context) throws Exception {}

    /** Injects the fault; returns the time (epoch ms) resume counts from: the restart, or the injection. */
    abstract long inject(FaultContext context) throws Exception;

    /** After the window closed: puts back what the fault changed for the faults after it. */
    void undo(FaultContext context) {}

    /** Once the window drained: the fault's own check, beyond the counts. */
    FaultCheck check(FaultContext context) {
        return new FaultCheck(true, "");
    }

    /** A fault's own outcome: passed or not, and what to show in the table. */
    record FaultCheck(boolean passed, String note) {}
}
