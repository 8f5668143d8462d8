package io.actorpreload.runner;

import io.actorpreload.runner.internals.CommandDispatcher;
import io.actorpreload.runner.internals.CommandFailure;
import io.actorpreload.runner.internals.CommandRetries;
import io.actorpreload.runner.internals.DeadLetterWriter;
import io.actorpreload.runner.internals.RunnerAccess;
import io.actorpreload.runner.internals.RunnerCounters;
import io.actorpreload.runner.internals.WireFormatHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread of a {@link RunnerClient}: polls, dispatches each record, commits it as soon
 * as it is done (handled, skipped or dead-lettered), and sets a partition aside (seek back, pause)
 * while its current command waits for a retry, so the other partitions go on. Every Kafka call is
 * made on the thread that runs {@link #run()}; {@link #stop()} may be called from any thread.
 *
 * <p>Commits are asynchronous, at most {@value #MAX_PENDING_COMMITS} unanswered: the offset commit of
 * a command is sent when its handler returns ({@link OffsetCommits#EACH_COMMAND}; with
 * {@link OffsetCommits#EACH_POLL} once per partition after the commands of a poll, so a kill may
 * repeat those), and the thread goes on to the next command without
 * waiting for the broker's answer unless that many are unanswered, when it waits for them all.
 * Waiting for each ({@code commitSync} per command) would hold the thread for a broker round trip per
 * start, making the runner the pipeline's limit. The bound keeps every commit on the wire before
 * the next handler runs: the consumer sends at most 5 requests at once to the coordinator (its
 * default {@code max.in.flight.requests.per.connection}) and sends the rest only when it is next
 * called, so a handler that blocks, and a process killed meanwhile, would otherwise leave the
 * commits of the commands before it unsent, and a restart would hand those commands to a handler again.
 * Commits to the coordinator are applied in order, so a later offset is never overwritten by an
 * earlier one. A partition being revoked, and the client closing, commit synchronously what was
 * handled, so a peer or a restart starts after it.
 */
final class CommandLoop {
    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long a synchronous commit may wait while running: the consumer's own default.api.timeout.ms. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);
    /** The most asynchronous commits left unanswered: below the consumer's 5 requests in flight per connection. */
    static final int MAX_PENDING_COMMITS = 4;

    private enum Step {
        DONE,
        RETRY
    }

    private final RunnerConfig config;
    private final String principal;
    private final Consumer<byte[], byte[]> consumer;
    private final CommandDispatcher dispatcher;
    private final CommandRetries retries;
    private final DeadLetterWriter deadLetters;
    private final RunnerCounters counters;
    /** Paused partitions and when (System.nanoTime) to resume them. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    /** The next offset of each owned partition after the commands done so far: what a synchronous commit commits. */
    private final Map<TopicPartition, OffsetAndMetadata> doneUpTo = new HashMap<>();
    /** An asynchronous commit the broker refused for want of access: fatal, raised on the consumer thread. */
    private RunnerAccessDeniedException commitRefused;

    private int pendingCommits;
    private volatile boolean stopping;
    private volatile Throwable failure;

    CommandLoop(
            RunnerConfig config,
            String principal,
            Consumer<byte[], byte[]> consumer,
            CommandDispatcher dispatcher,
            CommandRetries retries,
            DeadLetterWriter deadLetters,
            RunnerCounters counters) {
        this.config = config;
        this.principal = principal;
        this.consumer = consumer;
        this.dispatcher = dispatcher;
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.counters = counters;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Forgets the retry state of partitions this consumer loses. */
    ConsumerRebalanceListener rebalanceListener() {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>(doneUpTo);
                done.keySet().retainAll(partitions);
                // The next owner starts from the committed offset: make it this client's progress.
                commitSync(done);
                forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                forget(partitions);
            }
        };
    }

    private void forget(Collection<TopicPartition> partitions) {
        retries.forget(partitions);
        partitions.forEach(resumeAt::remove);
        partitions.forEach(doneUpTo::remove);
    }

    void run() {
        try {
            while (!stopping) {
                resumeDuePartitions();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(nextPollTimeout());
                for (TopicPartition partition : records.partitions()) {
                    dispatchPartition(partition, records.records(partition));
                }
                throwIfCommitRefused();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (RuntimeException e) {
            // A refusal of the broker (ACLs revoked while running) is fatal and said plainly.
            RunnerAccessDeniedException refused = RunnerAccess.refusal(
                    e,
                    config.runnerId(),
                    principal,
                    "topic " + config.commandTopic() + " or group " + config.groupId(),
                    "READ");
            failure = refused != null ? refused : e;
            LOG.error(
                    "Runner {} stopped consuming {}: {}. No more start commands are delivered; restart the runner "
                            + "client.",
                    config.runnerId(),
                    config.commandTopic(),
                    failure.getMessage(),
                    failure);
        } catch (Error e) {
            failure = e;
            LOG.error(
                    "Runner {} stopped consuming {}: {}. No more start commands are delivered; restart the runner "
                            + "client.",
                    config.runnerId(),
                    config.commandTopic(),
                    e.toString(),
                    e);
        } finally {
            try {
                commitBeforeClose();
                consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT));
            } finally {
                deadLetters.close();
            }
        }
    }

    private void dispatchPartition(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        boolean eachCommand = config.offsetCommits() == OffsetCommits.EACH_COMMAND;
        long doneUntil = -1;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            // Stopping: this record is not done, so the next owner starts here.
            if (stopping || dispatch(partition, record) == Step.RETRY) {
                break;
            }
            doneUntil = record.offset() + 1;
            if (eachCommand) {
                commit(partition, doneUntil);
            }
        }
        if (!eachCommand && doneUntil >= 0) {
            commit(partition, doneUntil);
        }
    }

    private Step dispatch(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
        CommandFailure pending = retries.pendingDeadLetter(partition, record.offset());
        if (pending != null) {
            return deadLetter(partition, record, pending, retries.attempts(partition, record.offset()));
        }
        try {
            CommandDispatcher.Outcome outcome =
                    dispatcher.dispatch(record.topic(), record.partition(), record.offset(), record.value());
            if (outcome == CommandDispatcher.Outcome.HANDLED) {
                counters.recordHandled();
            } else {
                counters.recordRedelivery();
            }
            retries.done(partition, WireFormatHeader.schemaId(record.value()));
            return Step.DONE;
        } catch (CommandFailure f) {
            if (f.kind() == CommandFailure.Kind.HANDLER_FAILED) {
                counters.recordHandlerFailure();
            }
            CommandRetries.Decision decision = retries.onFailure(partition, record.offset(), f);
            if (decision.deadLetter()) {
                return deadLetter(partition, record, f, decision.attempts());
            }
            if (f.kind().isSchemaLookup()) {
                counters.recordSchemaRetry();
            }
            logRetry(record, f, decision);
            setAside(partition, record.offset(), decision.retryAfter());
            return Step.RETRY;
        }
    }

    private Step deadLetter(
            TopicPartition partition, ConsumerRecord<byte[], byte[]> record, CommandFailure f, int attempts) {
        try {
            deadLetters.write(record, f, attempts);
        } catch (KafkaException e) {
            RunnerAccessDeniedException refused =
                    RunnerAccess.refusal(e, config.runnerId(), principal, "topic " + deadLetters.topic(), "WRITE");
            if (refused != null) {
                throw refused; // not retried: waiting does not grant an ACL
            }
            Duration wait = retries.deadLetterFailed(partition, record.offset(), f);
            LOG.error(
                    "Runner {} cannot write the command at {}-{} offset {} to its dead-letter topic {}: {}. Nothing is "
                            + "committed past it; trying again in {}.",
                    config.runnerId(),
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deadLetters.topic(),
                    e.toString(),
                    ms(wait));
            setAside(partition, record.offset(), wait);
            return Step.RETRY;
        }
        counters.recordDeadLetter();
        retries.done(partition, OptionalInt.empty());
        LOG.error(
                "Runner {} moved the command at {}-{} offset {} (key {}) to its dead-letter topic {} after {} "
                        + "attempt(s): {}. The actor it was meant to start does not start; fix the cause, then replay it "
                        + "from there (RunnerDeadLetters.replay).",
                config.runnerId(),
                record.topic(),
                record.partition(),
                record.offset(),
                keyText(record.key()),
                deadLetters.topic(),
                attempts,
                f.getMessage());
        return Step.DONE;
    }

    private void logRetry(ConsumerRecord<byte[], byte[]> record, CommandFailure f, CommandRetries.Decision decision) {
        switch (f.kind()) {
            case UNKNOWN_SCHEMA_ID ->
                LOG.error(
                        "Runner {}: {} (attempt {}, unknown for {}). Retrying in {}; commands "
                                + "with this id go to the dead-letter topic once it has been unknown for {}. Did the registry "
                                + "lose its data?",
                        config.runnerId(),
                        f.getMessage(),
                        decision.attempts(),
                        ms(retries.unknownFor(f)),
                        ms(decision.retryAfter()),
                        ms(config.unknownSchemaTimeout()));
            case REGISTRY_UNAVAILABLE ->
                LOG.error(
                        "Runner {}: {} (attempt {}). Retrying in {}; the command waits for the "
                                + "registry and is never dead-lettered for an outage.",
                        config.runnerId(),
                        f.getMessage(),
                        decision.attempts(),
                        ms(decision.retryAfter()));
            default ->
                LOG.warn(
                        "Runner {}: {} (attempt {} of {}). Retrying in {}.",
                        config.runnerId(),
                        f.getMessage(),
                        decision.attempts(),
                        config.maxHandlerAttempts(),
                        ms(decision.retryAfter()));
        }
    }

    /** Back to this record, and no fetching from its partition until the wait is over: order per actor holds. */
    private void setAside(TopicPartition partition, long offset, Duration wait) {
        consumer.seek(partition, offset);
        consumer.pause(List.of(partition));
        resumeAt.put(partition, System.nanoTime() + wait.toNanos());
    }

    private void resumeDuePartitions() {
        long now = System.nanoTime();
        List<TopicPartition> due = resumeAt.entrySet().stream()
                .filter(e -> e.getValue() - now <= 0)
                .map(Map.Entry::getKey)
                .toList();
        if (!due.isEmpty()) {
            due.forEach(resumeAt::remove);
            consumer.resume(due);
        }
    }

    private Duration nextPollTimeout() {
        long now = System.nanoTime();
        long untilResume =
                resumeAt.values().stream().mapToLong(at -> at - now).min().orElse(Long.MAX_VALUE);
        Duration poll = config.pollTimeout();
        return untilResume < poll.toNanos() ? Duration.ofNanos(Math.max(0, untilResume)) : poll;
    }

    /** Sends the commit of a done command and goes on: the answer is handled by {@link #committed}. */
    private void commit(TopicPartition partition, long nextOffset) {
        OffsetAndMetadata offset = new OffsetAndMetadata(nextOffset);
        doneUpTo.put(partition, offset);
        if (pendingCommits >= MAX_PENDING_COMMITS) {
            commitSync(Map.of(partition, offset)); // waits for the unanswered ones too
        } else {
            pendingCommits++;
            consumer.commitAsync(Map.of(partition, offset), this::committed);
        }
        counters.recordOffsetCommit();
        throwIfCommitRefused();
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
        pendingCommits--;
        if (e == null) {
            return;
        }
        RunnerAccessDeniedException refused =
                RunnerAccess.refusal(e, config.runnerId(), principal, "group " + config.groupId(), "READ");
        if (refused != null) {
            commitRefused = refused;
            return;
        }
        // Not fatal: a later commit covers it, and the command comes again only after a restart
        // (at least once) or is skipped by the de-duplication if this client handled it.
        LOG.warn("Runner {} could not commit offsets {}: {}", config.runnerId(), offsets, e.toString());
    }

    private void throwIfCommitRefused() {
        if (commitRefused != null) {
            throw commitRefused;
        }
    }

    /** What was done, committed at most {@code CLOSE_TIMEOUT}: a failure here must not keep the client from closing. */
    private void commitBeforeClose() {
        if (failure instanceof RunnerAccessDeniedException) {
            return;
        }
        try {
            commitSync(Map.copyOf(doneUpTo), CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Runner {} could not commit offsets {} while closing: {}. The commands after them may be "
                            + "delivered again.",
                    config.runnerId(),
                    doneUpTo,
                    e.toString());
        }
    }

    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, COMMIT_TIMEOUT);
    }

    /** Commits {@code offsets} and waits (revocation, close); also completes the asynchronous commits sent before. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            try {
                consumer.commitSync(offsets, timeout);
            } catch (WakeupException e) {
                consumer.commitSync(offsets, timeout); // stop() woke us during the commit: finish it.
            }
        } catch (KafkaException e) {
            RunnerAccessDeniedException refused =
                    RunnerAccess.refusal(e, config.runnerId(), principal, "group " + config.groupId(), "READ");
            if (refused != null) {
                throw refused;
            }
            LOG.warn(
                    "Runner {} could not commit offsets {}: {}. The commands after them may be delivered again.",
                    config.runnerId(),
                    offsets,
                    e.toString());
        }
    }

    private static String ms(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static String keyText(byte[] key) {
        return key == null ? "null" : new String(key, StandardCharsets.UTF_8);
    }
}
