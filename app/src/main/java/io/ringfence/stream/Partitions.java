package io.ringfence.stream;

import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.governance.LiveRuleSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The partitions this instance owns, each with its own {@link DecisionPipeline}: opened where the database says
 * its committed processing stands (the consumer seeks there) when assigned, closed when revoked, and rebuilt when
 * a batch failed, an event threw, or a new rule set goes live. Used on the consumer thread (the rebalance
 * callbacks run inside its poll) while no partition runs, except {@link #pipeline}, {@link #rebuild} and
 * {@link #rebuilding()}: while a poll runs, each partition's thread reads and rebuilds its own partition's
 * pipeline only.
 */
final class Partitions implements ConsumerRebalanceListener {
    // The stream's lines keep the logger name they had before it was split into classes (log searches, alerts).
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
    /** Events a rule set in shadow may throw on, per partition and run, before it stops there. */
    static final int MAX_CHALLENGER_FAULTS = 5;

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    /** This loop's part of each rule set (all of it when the stream runs in one stage). */
    private final StreamStage.Rules cut;
    /** How the log names this loop's partitions (searched by operators' alerts and the tests: keep them). */
    private final String label;
    private final CommitPipeline commits;
    private final PipelineWarmUp warmUp;
    private final ProfileHandover profiles;
    private final BatchStore store;
    private final JdbcBlockRegistry blocks;
    private final IngestMetrics metrics;
    /** Concurrent: while a poll runs, partitions' threads each replace their own entry after a fault. */
    private final Map<Integer, DecisionPipeline> pipelines = new ConcurrentHashMap<>();
    /** Partitions whose pipeline is being rebuilt after a fault (read by the health check). */
    private final Set<Integer> rebuilding = ConcurrentHashMap.newKeySet();
    /** The rule set in shadow's pipeline per partition, beside the live one (empty when none runs in shadow). */
    private final Map<Integer, DecisionPipeline> challengers = new ConcurrentHashMap<>();
    /** Per partition, the events the rule set in shadow threw on in this run: left out of its warm-ups. */
    private final Map<Integer, Set<String>> challengerFaults = new ConcurrentHashMap<>();
    /** Partitions where the rule set in shadow stopped in this run (too many faults, or it could not be built). */
    private final Set<Integer> challengersStopped = ConcurrentHashMap.newKeySet();
    /** What the partitions run; changes between batches only. */
    private RuleSet rules;
    /** What runs in shadow beside it, or null; changes between batches only. */
    private LiveRuleSet.Shadow shadow;
    /** Set when a commit failed where it could not be thrown (a rebalance callback). */
    private boolean resumeFromCommitted;

    Partitions(Consumer<byte[], byte[]> consumer, StreamStage stage, CommitPipeline commits, PipelineWarmUp warmUp,
               ProfileHandover profiles, BatchStore store, JdbcBlockRegistry blocks, IngestMetrics metrics, RuleSet rules,
               LiveRuleSet.Shadow shadow) {
        this.consumer = consumer;
        this.topic = stage.topic();
        this.cut = new StreamStage.Rules(stage.stage());
        this.label = stage.stage() == io.ringfence.detection.RuleStage.SUBJECT ? "Subject partitions" : "Partitions";
        this.commits = commits;
        this.warmUp = warmUp;
        this.profiles = profiles;
        this.store = store;
        this.blocks = blocks;
        this.metrics = metrics;
        this.rules = rules;
        this.shadow = shadow;
    }

    DecisionPipeline pipeline(int partition) {
        return pipelines.get(partition);
    }

    /** The rule set in shadow's pipeline for the partition, or null. */
    DecisionPipeline challenger(int partition) {
        return challengers.get(partition);
    }

    RuleSet rules() {
        return rules;
    }

    LiveRuleSet.Shadow shadow() {
        return shadow;
    }

    /** Partitions being rebuilt after a fault; read by the health check from any thread. */
    Set<Integer> rebuilding() {
        return Set.copyOf(rebuilding);
    }

    /** Whether a revocation found the batch in flight not committed since last asked (the flag is cleared). */
    boolean takeFailedRevocation() {
        boolean failed = resumeFromCommitted;
        resumeFromCommitted = false;
        return failed;
    }

    /** Between batches, so the snapshot matches the committed offset. */
    void saveProfiles(int partition) {
        profiles.save(partition, pipelines.get(partition), commits.position(partition));
    }

    /**
     * An approved rule set replaces the running one between two batches: each partition's profiles are
     * saved, and its pipeline is rebuilt from the last commit with the new rules and warmed up on its
     * recent history (decisions muted), so the new rules start with full windows and do not alert again
     * on events already decided.
     */
    void switchRules(RuleSet next, LiveRuleSet.Shadow nextShadow) {
        log.info("Switching the rule set from {} to {}", rules.version(), next.version());
        if (commits.settleQuietly()) {
            for (Integer p : pipelines.keySet()) {
                saveProfiles(p);
            }
        }
        rules = next;
        if (nextShadow != shadow) {
            challengerFaults.clear();
            challengersStopped.clear();
        }
        shadow = nextShadow;
        restartFromCommitted();
    }

    /**
     * A rule set goes into shadow, or out of it, between two batches: the live pipelines go on untouched; each partition's
     * challenger is built from the last commit with the rules in shadow and warmed up on its recent history, as a
     * live rule switch is, so that it starts with full windows and the same events behind it as the live side.
     */
    void switchShadow(LiveRuleSet.Shadow next) throws ExecutionException, InterruptedException {
        log.info("Rule set in shadow: {} (was {})", next == null ? "none" : next.rules().version(),
                shadow == null ? "none" : shadow.rules().version());
        commits.settle(); // the live pipelines are then exactly at the committed offsets the warm-up reads up to
        closeChallengers();
        challengerFaults.clear();
        challengersStopped.clear();
        shadow = next;
        if (next != null) {
            for (TopicPartition tp : consumer.assignment()) {
                openChallenger(tp, store.position(tp.topic(), tp.partition()), List.of());
            }
        }
    }

    /**
     * The challenger of a partition threw on {@code eventId} (which the live side decided): it is replaced by one
     * warmed up without that event, nor any other it threw on in this run, on the partition's thread. A challenger
     * that keeps throwing ({@value #MAX_CHALLENGER_FAULTS} events) stops on this partition until the next shadow
     * switch, and one that cannot be rebuilt (the history unreadable) stops too: either way the live side goes on.
     *
     * @throws ExecutionException, InterruptedException only the live side's own failure: the batch in flight did not
     *                                                  commit
     */
    void rebuildChallenger(int partition, Batch batch, String eventId) throws ExecutionException, InterruptedException {
        DecisionPipeline failed = challengers.remove(partition);
        if (failed != null) {
            failed.close();
        }
        Set<String> faults = challengerFaults.computeIfAbsent(partition, p -> ConcurrentHashMap.newKeySet());
        faults.add(eventId);
        if (faults.size() >= MAX_CHALLENGER_FAULTS) {
            challengersStopped.add(partition);
            log.error("the rule set in shadow ({}) stops on partition {}: it threw on {} events", shadow.rules().version(),
                    partition, faults.size());
            return;
        }
        commits.awaitCommitted(); // the history is read from the database: the batch in flight must be in it
        List<Batch.Event> uncommitted = batch.events.stream().filter(e -> e.partition() == partition).toList();
        BatchStore.Position at;
        try {
            at = store.position(topic, partition);
        } catch (RuntimeException e) {
            challengersStopped.add(partition);
            log.error("the rule set in shadow stops on partition {}: its position cannot be read: {}", partition, e.toString());
            return;
        }
        openChallenger(new TopicPartition(topic, partition), at, uncommitted);
    }

    private void openChallenger(TopicPartition tp, BatchStore.Position at, List<Batch.Event> uncommitted) {
        LiveRuleSet.Shadow s = shadow;
        if (s == null || challengersStopped.contains(tp.partition())) {
            return;
        }
        try {
            challengers.put(tp.partition(), warmUp.challenger(cut.of(s).rules(), tp, at, uncommitted,
                    challengerFaults.computeIfAbsent(tp.partition(), p -> ConcurrentHashMap.newKeySet())));
        } catch (RuntimeException e) {
            // Never at the live side's expense: a partition whose challenger cannot be built runs without one.
            challengersStopped.add(tp.partition());
            log.error("the rule set in shadow ({}) stops on partition {}: it could not be built: {}", s.rules().version(),
                    tp.partition(), e.toString(), e);
        }
    }

    /** Partitions whose challenger stopped in this shadow run (read by the report's instance view and the tests). */
    Set<Integer> challengersStopped() {
        return Set.copyOf(challengersStopped);
    }

    private void closeChallengers() {
        challengers.values().forEach(DecisionPipeline::close);
        challengers.clear();
    }

    /** Every assigned partition opened again from what the database holds. */
    void restartFromCommitted() {
        commits.restart();
        closeAll();
        for (TopicPartition tp : consumer.assignment()) {
            open(tp);
        }
    }

    /**
     * The fault barrier's rebuild: the partition's pipeline, whose state is unknown after an event threw, is
     * replaced by one warmed up on its committed history and on the partition's earlier events of the poll
     * ({@code batch} is the partition's own). Runs on the partition's thread while other partitions go on: it
     * reads only this partition's history and replaces only its pipeline.
     */
    void rebuild(int partition, Batch batch) throws ExecutionException, InterruptedException {
        rebuilding.add(partition);
        try {
            long started = System.nanoTime();
            commits.awaitCommitted(); // the history is read from the database: the batch in flight must be in it
            pipelines.remove(partition).close();
            TopicPartition tp = new TopicPartition(topic, partition);
            List<Batch.Event> uncommitted = batch.events.stream().filter(e -> e.partition() == partition).toList();
            pipelines.put(partition, warmUp.warmed(cut.of(rules), blocks.partition(partition), tp,
                    store.position(tp.topic(), partition), uncommitted));
            metrics.rebuilt(System.nanoTime() - started);
            log.info("Rebuilt partition {} from its history in {} ms", partition, (System.nanoTime() - started) / 1_000_000);
        } finally {
            rebuilding.remove(partition);
        }
    }

    /** The partition is read again from {@code offset} at the next poll (on the consumer thread, between polls). */
    void seek(int partition, long offset) {
        consumer.seek(new TopicPartition(topic, partition), offset);
    }

    /** The partition's next record starts: see {@link #takeBackRecord}. */
    void beginRecord(int partition) {
        blocks.beginRecord(partition);
    }

    /** The partition's current record was set aside: the blocks its event decided are taken back. */
    void takeBackRecord(int partition) {
        blocks.takeBackRecord(partition);
    }

    void closeAll() {
        pipelines.values().forEach(DecisionPipeline::close);
        pipelines.clear();
        closeChallengers();
    }

    private void open(TopicPartition tp) {
        BatchStore.Position at = store.position(tp.topic(), tp.partition());
        commits.openedAt(tp.partition(), at == null ? null : at.nextOffset());
        if (at == null) {
            // Nothing committed yet: from the start, also after a first batch that failed.
            pipelines.put(tp.partition(), warmUp.fresh(cut.of(rules), blocks.partition(tp.partition())));
            openChallenger(tp, null, List.of());
            consumer.seekToBeginning(List.of(tp));
            return;
        }
        consumer.seek(tp, at.nextOffset());
        pipelines.put(tp.partition(), warmUp.warmed(cut.of(rules), blocks.partition(tp.partition()), tp, at, List.of()));
        openChallenger(tp, at, List.of());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // The new owner starts from this instance's last commit; if that failed, the kept partitions'
        // state is ahead of the database and is rebuilt after this poll.
        boolean settled = commits.settleQuietly();
        resumeFromCommitted |= !settled;
        for (TopicPartition tp : partitions) {
            if (settled) {
                saveProfiles(tp.partition()); // for the instance that takes it over
            }
            profiles.forget(tp.partition());
            commits.forget(tp.partition());
            blocks.forget(tp.partition());
            DecisionPipeline p = pipelines.remove(tp.partition());
            if (p != null) {
                p.close();
            }
            DecisionPipeline c = challengers.remove(tp.partition());
            if (c != null) {
                c.close();
            }
        }
        log.info("{} revoked: {}", label, partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            open(tp);
        }
        log.info("{} assigned: {}", label, partitions);
    }
}
