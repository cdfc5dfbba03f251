package io.ringfence.stream;

import io.ringfence.decision.DecisionPipeline;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.pipeline.EventFault;
import io.ringfence.tracing.Traces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One poll, made a {@link Batch}: each record parsed and run through its partition's pipeline, records the
 * stream cannot use sent to the dead-letter topic, and the batch handed to the commit. The poll's partitions run
 * at the same time on the {@link PartitionWorkers}, each into its own batch; everything else happens on the
 * consumer thread, before the partitions start or after they have all finished.
 */
final class BatchRunner {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private final Partitions partitions;
    private final CommitPipeline commits;
    private final ProfileHandover profiles;
    private final DeadLetters deadLetters;
    private final IngestMetrics metrics;
    private final PartitionWorkers workers;
    private final Traces traces;
    /** Where the subscriber stage sends on what the subject stage needs; null in a loop that runs the rest itself. */
    private final SubjectHandoff handoff;
    /** The load harness's durable floor: parse, store and commit only (see {@link StreamProcessor}). */
    private final boolean floor;
    /** Immutable, so shared by the partitions' threads. */
    private final EventParser parser = new EventParser();

    BatchRunner(Partitions partitions, CommitPipeline commits, ProfileHandover profiles, DeadLetters deadLetters,
                IngestMetrics metrics, PartitionWorkers workers, Traces traces, SubjectHandoff handoff, boolean floor) {
        this.partitions = partitions;
        this.commits = commits;
        this.profiles = profiles;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.workers = workers;
        this.traces = traces;
        this.handoff = handoff;
        this.floor = floor;
    }

    /**
     * Runs the poll's records through the pipelines, then hands the batch to the committer and returns,
     * so the next poll is processed while this one is written (one batch in flight). A failed commit is
     * seen when the next batch waits for it, and both are consumed again from the last commit.
     */
    void process(ConsumerRecords<byte[], byte[]> records) throws ExecutionException, InterruptedException {
        process(records, null);
    }

    /**
     * @param limit the latest event time a partition may go to in this poll after its first event ({@link
     *              EventTimeAlignment}); null: none. A partition stops at the first event beyond it, which is read again.
     * @return the newest event time each partition of the poll reached
     */
    Map<Integer, Long> process(ConsumerRecords<byte[], byte[]> records, Long limit)
            throws ExecutionException, InterruptedException {
        if (records.partitions().stream().anyMatch(tp -> profiles.due(tp.partition()))) {
            // Profiles are saved only when the in-memory state is exactly what the database holds.
            commits.settle();
            for (TopicPartition tp : records.partitions()) {
                if (profiles.due(tp.partition())) {
                    partitions.saveProfiles(tp.partition());
                }
            }
        }
        long started = System.nanoTime();
        List<TopicPartition> order = new ArrayList<>(records.partitions());
        order.sort(Comparator.comparingInt(TopicPartition::partition));
        List<PartitionWorkers.Work<Batch>> work = new ArrayList<>(order.size());
        for (TopicPartition tp : order) {
            work.add(() -> run(tp.partition(), records.records(tp), limit));
        }
        Batch batch;
        try {
            batch = Batch.merged(workers.runAll(work));
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            if (handoff != null) {
                handoff.clear();
            }
            throw e;
        }
        batch.stoppedAt.forEach(partitions::seek);
        try {
            deadLetters.flush();
            if (handoff != null) {
                handoff.flush();
            }
            commits.submit(batch, started);
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            // Consumed again from the last commit, and decided again under new spans.
            batch.decisions.forEach(d -> DecisionSpans.notCommitted(d.span(), e));
            throw e;
        }
        return batch.newestEventAt;
    }

    /** One partition's records of the poll, on whichever thread runs it: only this partition's state is touched. */
    private Batch run(int partition, List<ConsumerRecord<byte[], byte[]>> records, Long limit)
            throws ExecutionException, InterruptedException {
        Batch batch = Batch.of(partition, traces);
        boolean first = true;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            // a fault replaces the pipeline
            if (!handle(r, partitions.pipeline(partition), batch, first ? null : limit)) {
                batch.stoppedAt.put(partition, r.offset());
                break;
            }
            first = false;
            batch.nextOffsets.put(partition, r.offset() + 1);
        }
        return batch;
    }

    /** @return false, having done nothing, for an event beyond {@code limit} (null: none) */
    private boolean handle(ConsumerRecord<byte[], byte[]> r, DecisionPipeline pipeline, Batch batch, Long limit)
            throws ExecutionException, InterruptedException {
        batch.record(SubjectHandoff.receivedAt(r), r.headers(), r.offset());
        partitions.beginRecord(r.partition());
        byte[] value = r.value();
        if (value == null) {
            deadLetters.add(r, null, "empty record (no value)");
            batch.rejected++;
            return true;
        }
        ParseResult result = value.length > parser.maxLineBytes()
                ? new ParseResult.Rejected(null, "record is " + value.length + " bytes, over the limit of " + parser.maxLineBytes())
                : parser.parse(value);
        if (result instanceof ParseResult.Accepted a) {
            String problem = pipeline.admissionProblem(a.event());
            if (problem != null) {
                result = new ParseResult.Rejected("timestamp", problem);
            }
        }
        if (result instanceof ParseResult.Rejected rej) {
            deadLetters.add(r, rej.field(), rej.reason());
            batch.rejected++;
            return true;
        }
        TelecomEvent e = ((ParseResult.Accepted) result).event();
        if (limit != null && e.getTimestampMillis() > limit) {
            return false;
        }
        batch.newestEventAt.merge(r.partition(), e.getTimestampMillis(), Math::max);
        boolean fresh;
        try {
            fresh = floor || pipeline.process(e, batch); // the floor stores every event, undetected
        } catch (EventFault fault) {
            setAside(r, fault, batch);
            return true;
        }
        if (fresh && !floor) {
            challenge(r, value, batch);
            if (handoff != null) {
                handoff.add(e, r);
            }
        }
        if (fresh) {
            batch.events.add(new Batch.Event(e.getEventId(), e.getSubscriber(), e.getType().name(), e.getTimestampMillis(),
                    r.partition(), r.offset(), new String(value, StandardCharsets.UTF_8)));
        } else {
            batch.duplicates++;
        }
        return true;
    }

    /**
     * The rule set in shadow, if one runs, on the event the live rules decided on. Whatever it does, the live side's
     * work stands: it gets its own copy of the event (enrichment writes into an event, and the live session holds
     * this one as a fact), and a challenger that throws is rebuilt without the event while the event goes on.
     */
    private void challenge(ConsumerRecord<byte[], byte[]> r, byte[] value, Batch batch)
            throws ExecutionException, InterruptedException {
        DecisionPipeline challenger = partitions.challenger(r.partition());
        io.ringfence.governance.LiveRuleSet.Shadow shadow = partitions.shadow();
        if (challenger == null || shadow == null) {
            return;
        }
        TelecomEvent own = ((ParseResult.Accepted) parser.parse(value)).event();
        try {
            RuleChallenge.decide(challenger, shadow.run(), shadow.rules().version(), own, batch);
        } catch (RuntimeException | StackOverflowError t) {
            // Whatever the challenger throws, and from whichever stage, it is its own failure, never the batch's.
            EventFault fault = t instanceof EventFault f ? f : new EventFault(EventFault.Stage.DECIDE, own.getEventId(), null, t);
            log.error("the rule set in shadow ({}) threw on event {} (partition {}, offset {}); its pipeline is rebuilt"
                    + " without it, the live decision stands: {}", shadow.rules().version(), fault.eventId(),
                    r.partition(), r.offset(), fault.reason(), fault);
            metrics.shadowFault(fault);
            RuleChallenge.failed(shadow.run(), shadow.rules().version(), batch, fault.reason());
            partitions.rebuildChallenger(r.partition(), batch, fault.eventId());
        }
    }

    /**
     * The fault barrier: an event that a stage threw on goes to the dead-letter topic with the stage, the
     * rule and the exception; what it had added to the batch (decisions, alerts, blocks) is taken back; and the partition's pipeline,
     * whose state is now unknown, is rebuilt from its history without it. The stream goes on with the next
     * record: one event never stops a partition (processing it again would only throw again).
     */
    private void setAside(ConsumerRecord<byte[], byte[]> r, EventFault fault, Batch batch)
            throws ExecutionException, InterruptedException {
        log.error("event {} (partition {}, offset {}) set aside on the dead-letter topic: {}", fault.eventId(),
                r.partition(), r.offset(), fault.reason(), fault);
        batch.rollbackRecord();
        partitions.takeBackRecord(r.partition());
        deadLetters.add(r, fault);
        batch.rejected++;
        batch.failed++;
        metrics.fault(fault, false);
        partitions.rebuild(r.partition(), batch);
    }
}
