package io.actorpreload.chaos;

import io.actorpreload.schemas.contract.RunnerTopicNaming;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One chaos run: starts the stack, the topology and the runners, lets the load flow, injects each
 * fault in its own window, prints a row per fault once its window's requests arrived (or the drain
 * timed out), and ends with the final line. Each window: open, a steady moment, inject (and
 * restart), wait until every part of the pipeline handled a request sent after the injection, a
 * steady moment, close, drain, account.
 */
final class ChaosRun {
    static final String TOPOLOGY_A = "chaos-topology-a";
    static final String TOPOLOGY_B = "chaos-topology-b";
    private static final long STEADY_BEFORE_MS = 2_000;
    private static final long STEADY_AFTER_MS = 3_000;
    private static final Duration RESUME_PATIENCE = Duration.ofSeconds(90);
    private static final Duration DRAIN_PATIENCE = Duration.ofSeconds(60);
    private static final Duration START_PATIENCE = Duration.ofSeconds(180);

    private final ChaosOptions options;
    private final ChaosStack stack;
    private final PrintStream out;
    private final ChaosTable table;
    private final List<ChildJvm> expectedAlive = new ArrayList<>();

    ChaosRun(ChaosOptions options, ChaosStack stack, PrintStream out) {
        this.options = options;
        this.stack = stack;
        this.out = out;
        this.table = new ChaosTable(out);
    }

    static String runnerId(int i) {
        return "runner-" + i;
    }

    /** Runs every fault of the options; returns the exit code (0 all counts clean, 1 otherwise). */
    int run() throws Exception {
        long begin = System.nanoTime();
        out.printf(
                "starting %s and a schema registry on 127.0.0.1 (work dir %s) ...%n",
                options.brokers() == 1 ? "a Kafka broker" : "a cluster of " + options.brokers() + " Kafka brokers",
                options.workDir());
        stack.startStack();
        List<String> runnerIds = new ArrayList<>();
        for (int i = 1; i <= options.runners(); i++) {
            runnerIds.add(runnerId(i));
            expectedAlive.add(stack.startRunner(runnerId(i)));
        }
        awaitRunnerTopics(runnerIds);
        expectedAlive.add(stack.startTopology(TOPOLOGY_A));
        LoadGenerator load = stack.own(LoadGenerator.start(
                stack.stack().bootstrapServers(), stack.stack().schemaRegistryUrl(), runnerIds, options.rate()));
        FaultContext context = new FaultContext(
                stack,
                stack.own(new PoisonSender(
                        stack.stack().bootstrapServers(), stack.stack().schemaRegistryUrl())));
        out.printf(
                "topology and %d runners up; sending %d start requests/s; waiting for the first start ...%n",
                options.runners(), options.rate());
        await("the first handled command", () -> !stack.handled().refresh().isEmpty(), START_PATIENCE);
        Thread.sleep(STEADY_BEFORE_MS);

        List<Fault> faults = Fault.of(options.quick(), options.store(), options.brokers());
        table.printHeader();
        for (int i = 0; i < faults.size(); i++) {
            table.add(runWindow(faults.get(i), i + 1, load, context));
        }

        load.stop();
        List<SentRequest> all = load.sent();
        List<RequestKey> keys = all.stream().map(SentRequest::key).toList();
        awaitQuietly(() -> stack.observations().allDelivered(keys), DRAIN_PATIENCE);
        FaultAccounting.Totals totals = FaultAccounting.totals(
                all,
                stack.observations().commandCounts(),
                stack.observations().deadLetteredKeys(),
                stack.handled().refresh());
        if (load.failedSends() > 0) {
            out.printf(
                    "%d start requests were not acknowledged by the broker and are not counted%n", load.failedSends());
        }
        out.printf(
                "run took %d s; handled %d, handled again after a runner kill (at least once) %d%n",
                Duration.ofNanos(System.nanoTime() - begin).toSeconds(), totals.handled(), totals.rehandled());
        out.println(ChaosTable.finalLine(faults.size(), totals, ChaosTable.maxResume(table.rows())));
        return ChaosTable.exitCode(table.rows(), totals);
    }

    private FaultRow runWindow(Fault fault, int index, LoadGenerator load, FaultContext context) throws Exception {
        fault.prepare(context);
        if (fault == Fault.TOPOLOGY_PEER_TAKEOVER) {
            expectedAlive.add(stack.topology(TOPOLOGY_B));
        }
        load.window(index);
        long start = System.currentTimeMillis();
        Thread.sleep(STEADY_BEFORE_MS);
        long injectedAt = System.currentTimeMillis();
        long reference = fault.inject(context);
        String injectionNote = context.takeNote();
        if (fault == Fault.TOPOLOGY_PEER_TAKEOVER) {
            expectedAlive.remove(stack.topology(TOPOLOGY_B));
        }
        FaultWindow open =
                new FaultWindow(fault.label(), index, fault.restarts(), start, injectedAt, reference, Long.MAX_VALUE);
        awaitQuietly(
                () -> FaultAccounting.resume(
                                open,
                                windowRequests(load, index),
                                stack.handled().refresh())
                        >= 0,
                RESUME_PATIENCE);
        Thread.sleep(STEADY_AFTER_MS);
        long end = System.currentTimeMillis();
        load.window(index + 1);

        List<SentRequest> sent = windowRequests(load, index);
        List<RequestKey> keys = sent.stream().map(SentRequest::key).toList();
        context.window(sent, injectedAt, reference);
        awaitQuietly(
                () -> stack.observations().allDelivered(keys)
                        && handledAll(keys)
                        && fault.check(context).passed(),
                DRAIN_PATIENCE);
        fault.undo(context);
        Fault.FaultCheck check = fault.check(context);
        FaultWindow window = new FaultWindow(fault.label(), index, fault.restarts(), start, injectedAt, reference, end);
        return FaultAccounting.account(
                window,
                sent,
                stack.observations().commandCounts(),
                stack.observations().deadLetteredKeys(),
                stack.handled().refresh(),
                check.passed(),
                String.join(
                        "; ",
                        java.util.stream.Stream.of(injectionNote, check.note())
                                .filter(n -> !n.isEmpty())
                                .toList()));
    }

    private static List<SentRequest> windowRequests(LoadGenerator load, int index) {
        return load.sent().stream().filter(request -> request.window() == index).toList();
    }

    private boolean handledAll(List<RequestKey> keys) {
        Set<RequestKey> handled =
                stack.handled().refresh().stream().map(HandledEvent::key).collect(Collectors.toSet());
        return handled.containsAll(keys);
    }

    private void awaitRunnerTopics(List<String> runnerIds) throws Exception {
        List<String> topics = runnerIds.stream()
                .map(RunnerTopicNaming.defaults()::commandTopicOf)
                .toList();
        try (Admin admin = Admin.create(java.util.Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.stack().bootstrapServers()))) {
            await(
                    "the runners' command topics " + topics,
                    () -> {
                        try {
                            return admin.listTopics().names().get().containsAll(topics);
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    START_PATIENCE);
        }
    }

    /** Waits for {@code condition}; fails when the time is up or a child that should run has exited. */
    private void await(String what, BooleanSupplier condition, Duration patience) throws InterruptedException {
        if (!awaitQuietly(condition, patience)) {
            throw new IllegalStateException("Gave up waiting for " + what + " after " + patience.toSeconds() + " s");
        }
    }

    /** Waits for {@code condition} up to {@code patience}; false when the time is up (the row then shows it). */
    private boolean awaitQuietly(BooleanSupplier condition, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            List<String> dead = stack.deadChildren(expectedAlive);
            if (!dead.isEmpty()) {
                throw new IllegalStateException(String.join("\n", dead));
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
