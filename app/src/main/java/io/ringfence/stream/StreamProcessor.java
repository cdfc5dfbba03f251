package io.ringfence.stream;

import io.ringfence.ingest.ParseResult;
import io.ringfence.ingest.EventParser;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.contract.Decision;
import io.ringfence.output.DecisionText;
import io.ringfence.screening.BlockMirror;
import io.ringfence.blocks.BlockStore;
import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.outbox.Outbox;
import io.ringfence.outbox.OutboxRelay;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.event.TelecomEvent;
import io.ringfence.pipeline.EventFault;
import io.ringfence.reference.ReferenceDataRepository;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streaming driver of the pipeline: consumes {@code telecom.events}, runs each assigned partition
 * through its own {@link DecisionPipeline}, and commits each poll's results, with the offsets they
 * cover, in one PostgreSQL transaction ({@link BatchStore}). Offsets live in the database, so a crash
 * resumes exactly after the last committed batch; Kafka's committed offsets follow for lag monitoring.
 *
 * <p>On a rebalance a partition's in-memory state (CEP windows, profiles, features) starts empty on its
 * new owner; see docs/streaming.md for what that costs and how it is bounded.
 */
@Component
class StreamProcessor implements SmartLifecycle, StreamHealth.State {
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);
    /** Events of a partition's history that may throw in turn while it is rebuilt, before it starts without history. */
    private static final int MAX_HISTORY_FAULTS = 3;

    private final KafkaSettings settings;
    private final LiveRuleSet liveRules;
    /** What the partitions run; only the consumer thread changes it, between batches. */
    private RuleSet rules;
    private final ReferenceDataRepository reference;
    private final DecisionAssets assets;
    private final CustomerSegments segments;
    private final BatchStore store;
    private final IngestMetrics metrics;
    private final Outbox outbox;
    private final BlockMirror mirror;
    private final BlockStore blockStore;
    private final ProfileSnapshots profiles;
    /** When each partition's profiles were last saved (nanoTime). */
    private final Map<Integer, Long> savedAt = new HashMap<>();
    private final EventParser parser = new EventParser();
    private final Map<Integer, DecisionPipeline> pipelines = new HashMap<>();
    private KafkaConsumer<byte[], byte[]> consumer;
    private Producer<byte[], byte[]> producer;
    private JdbcBlockRegistry blocks;
    private OutboxRelay relay;
    private Thread consumerThread;
    private Thread relayThread;
    /** Commits one batch while the consumer thread processes the next. */
    private java.util.concurrent.ExecutorService committer;
    private InFlight inFlight;
    /** Set when a commit failed where it could not be thrown (a rebalance callback). */
    private boolean resumeFromCommitted;
    private volatile boolean running;
    private volatile String problem;
    /** Partitions whose pipeline is being rebuilt after a fault (read by the health check). */
    private final Set<Integer> rebuilding = ConcurrentHashMap.newKeySet();
    /** Where each assigned partition's committed processing stands, as this instance believes (null: never). */
    private final Map<Integer, Long> positions = new HashMap<>();

    StreamProcessor(KafkaSettings settings, LiveRuleSet liveRules, ReferenceDataRepository reference, DecisionAssets assets,
                    CustomerSegments segments, BatchStore store, IngestMetrics metrics, Outbox outbox,
                    BlockMirror mirror, BlockStore blockStore, ProfileSnapshots profiles) {
        this.mirror = mirror;
        this.blockStore = blockStore;
        this.profiles = profiles;
        this.settings = settings;
        this.liveRules = liveRules;
        this.rules = liveRules.current();
        this.reference = reference;
        this.assets = assets;
        this.segments = segments;
        this.store = store;
        this.metrics = metrics;
        this.outbox = outbox;
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        producer = new KafkaProducer<>(producerProperties());
        blocks = new JdbcBlockRegistry(blockStore);
        relay = outbox.relay(producer);
        committer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "ringfence-commit"));
        running = true;
        consumerThread = new Thread(this::consume, "ringfence-stream");
        relayThread = new Thread(relay, "ringfence-outbox");
        consumerThread.start();
        relayThread.start();
        log.info("Consuming {} from {} as group {}", settings.topics().events(), settings.bootstrapServers(),
                settings.groupId());
    }

    private void consume() {
        rules = liveRules.current(); // what asset_live made live before the first partition opens
        consumer = new KafkaConsumer<>(consumerProperties());
        AutoCloseable lagMetrics = metrics.bind(consumer);
        try {
            consumer.subscribe(List.of(settings.topics().events()), new Rebalance());
            DeadLetters deadLetters = new DeadLetters(producer, settings.topics().deadLetter());
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    if (resumeFromCommitted) {
                        resumeFromCommitted = false;
                        throw new IllegalStateException("a batch did not commit during a rebalance");
                    }
                    if (records.isEmpty()) {
                        settle(); // an idle stream still sees its last batch through
                    }
                    if (liveRules.current() != rules) {
                        // Checked after the poll, so a record that arrived after the switch is never judged by
                        // the old rules: the switch seeks back to the last commit and polls these again.
                        switchRules();
                    } else if (!records.isEmpty()) {
                        process(records, deadLetters);
                    }
                    problem = null;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                    // A batch did not commit (or a partition could not be opened): its effects on in-memory
                    // state cannot be undone, so the partitions start again from what the database holds,
                    // retrying for as long as the database or the broker is away.
                    problem = (e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                            ? e.getCause() : e).toString();
                    log.error("batch failed, resuming from the last committed offsets: {}", problem);
                    recover();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problem = "consumer stopped: " + e;
            log.error("consumer stopped", e);
        } finally {
            settleQuietly(); // the last batch's commit, and what follows it, before the consumer closes
            pipelines.values().forEach(DecisionPipeline::close);
            pipelines.clear();
            closeQuietly(lagMetrics);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void recover() throws InterruptedException {
        long backoff = 500;
        while (running) {
            Thread.sleep(backoff);
            try {
                restartFromCommitted();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                problem = e.toString();
                log.warn("still cannot resume ({}); retrying in {} ms", problem, Math.min(backoff * 2, 30_000));
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** Null while consuming normally; otherwise what went wrong last (for the health endpoint). */
    @Override
    public String problem() {
        Thread t = consumerThread;
        if (running && t != null && !t.isAlive()) {
            return problem == null ? "consumer thread ended" : problem;
        }
        return problem;
    }

    /** Partitions being rebuilt after a fault, for the health check (DEGRADED while not empty). */
    @Override
    public Set<Integer> rebuilding() {
        return Set.copyOf(rebuilding);
    }

    /**
     * Runs the poll's records through the pipelines, then hands the batch to the committer and returns,
     * so the next poll is processed while this one is written (one batch in flight). A failed commit is
     * seen when the next batch waits for it, and both are consumed again from the last commit.
     */
    private void process(ConsumerRecords<byte[], byte[]> records, DeadLetters deadLetters)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        if (records.partitions().stream().anyMatch(tp -> profilesDue(tp.partition()))) {
            // Profiles are saved only when the in-memory state is exactly what the database holds.
            settle();
            for (TopicPartition tp : records.partitions()) {
                if (profilesDue(tp.partition())) {
                    saveProfiles(tp.partition());
                }
            }
        }
        long started = System.nanoTime();
        Batch batch = new Batch();
        for (TopicPartition tp : records.partitions()) {
            batch.at(tp.partition());
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                handle(r, pipelines.get(tp.partition()), batch, deadLetters); // a fault replaces the pipeline
                batch.nextOffsets.put(tp.partition(), r.offset() + 1);
            }
        }
        deadLetters.flush();
        settle();
        JdbcBlockRegistry.Sealed sealed = blocks.seal();
        Map<Integer, Long> expected = new HashMap<>(positions);
        inFlight = new InFlight(batch, committer.submit(() -> commit(batch, sealed, expected, started)));
    }

    /** On the committer thread: what follows the commit at once, so decisions do not wait for the next poll. */
    private BatchStore.Committed commit(Batch batch, JdbcBlockRegistry.Sealed sealed, Map<Integer, Long> expected,
                                        long startedNanos) {
        BatchStore.Committed committed = store.commit(batch, sealed, settings.topics(), expected);
        if (!batch.alerts.isEmpty() || !batch.decisions.isEmpty()) {
            relay.wake(); // the batch wrote to the outbox
        }
        metrics.batch(batch, committed, startedNanos);
        for (Decision d : committed.emitted()) {
            log.info("DECISION {}", DecisionText.line(d));
            if (d.action().isBlock()) {
                mirrorBlock(d);
            }
        }
        return committed;
    }

    private boolean profilesDue(int partition) {
        Long last = savedAt.get(partition);
        return last == null || System.nanoTime() - last >= profiles.every.toNanos();
    }

    /** The batch handed to the committer and not yet seen committed. */
    private record InFlight(Batch batch, java.util.concurrent.Future<BatchStore.Committed> commit) {
    }

    /**
     * Waits for the batch in flight, if any; then the positions move on and Kafka's offsets follow.
     *
     * @throws java.util.concurrent.ExecutionException with the commit's failure: the in-memory state is
     *                                                  then ahead of the database and must be rebuilt
     */
    private void settle() throws java.util.concurrent.ExecutionException, InterruptedException {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        try {
            f.commit().get();
        } finally {
            blocks.committed();
        }
        Batch batch = f.batch();
        positions.putAll(batch.nextOffsets);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batch.nextOffsets.forEach((p, next) -> offsets.put(new TopicPartition(settings.topics().events(), p),
                new OffsetAndMetadata(next)));
        consumer.commitAsync(offsets, null);
    }

    /**
     * Before the pipelines are rebuilt from the database: nothing may still be writing to it.
     *
     * @return false if the batch in flight did not commit (the in-memory state is ahead of the database)
     */
    private boolean settleQuietly() {
        try {
            settle();
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            log.warn("the batch in flight did not commit ({}); it is consumed again", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("after the batch in flight: {}", e.toString());
        }
        return false;
    }

    /** Between batches, so the snapshot matches the committed offset. */
    private void saveProfiles(int partition) {
        DecisionPipeline p = pipelines.get(partition);
        Long next = positions.get(partition);
        if (p != null && next != null) {
            profiles.save(settings.topics().events(), partition, next, p.snapshot());
            savedAt.put(partition, System.nanoTime());
        }
    }

    /** After the commit: the database holds the block; Redis serves it to the screening API. */
    private void mirrorBlock(Decision d) {
        try {
            mirror.blocked(d);
        } catch (RuntimeException e) {
            // The block is committed; the mirror is rewritten from active_block at the next start.
            log.warn("block {} committed but not mirrored to Redis: {}", d.decisionId(), e.getMessage());
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, DecisionPipeline pipeline, Batch batch, DeadLetters dlq)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        batch.record(r.timestamp());
        byte[] value = r.value();
        if (value == null) {
            dlq.add(r, null, "empty record (no value)");
            batch.rejected++;
            return;
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
            dlq.add(r, rej.field(), rej.reason());
            batch.rejected++;
            return;
        }
        TelecomEvent e = ((ParseResult.Accepted) result).event();
        batch.newestEventAt.merge(r.partition(), e.getTimestampMillis(), Math::max);
        boolean fresh;
        try {
            fresh = pipeline.process(e, batch);
        } catch (EventFault fault) {
            setAside(r, fault, batch, dlq);
            return;
        }
        if (fresh) {
            batch.events.add(new Batch.Event(e.getEventId(), e.getSubscriber(), e.getType().name(), e.getTimestampMillis(),
                    r.partition(), r.offset(), new String(value, StandardCharsets.UTF_8)));
        } else {
            batch.duplicates++;
        }
    }

    /**
     * The fault barrier: an event that a stage threw on goes to the dead-letter topic with the stage, the
     * rule and the exception; what it had added to the batch is taken back; and the partition's pipeline,
     * whose state is now unknown, is rebuilt from its history without it. The stream goes on with the next
     * record: one event never stops a partition (processing it again would only throw again).
     */
    private void setAside(ConsumerRecord<byte[], byte[]> r, EventFault fault, Batch batch, DeadLetters dlq)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        log.error("event {} (partition {}, offset {}) set aside on the dead-letter topic: {}", fault.eventId(),
                r.partition(), r.offset(), fault.reason(), fault);
        batch.rollbackRecord();
        dlq.add(r, fault);
        batch.rejected++;
        batch.failed++;
        metrics.fault(fault, false);
        rebuild(r.partition(), batch);
    }

    private void rebuild(int partition, Batch batch) throws java.util.concurrent.ExecutionException, InterruptedException {
        rebuilding.add(partition);
        try {
            long started = System.nanoTime();
            settle(); // the history is read from the database: the batch in flight must be in it
            pipelines.remove(partition).close();
            TopicPartition tp = new TopicPartition(settings.topics().events(), partition);
            List<Batch.Event> uncommitted = batch.events.stream().filter(e -> e.partition() == partition).toList();
            pipelines.put(partition, warmedPipeline(tp, store.position(tp.topic(), partition), uncommitted));
            metrics.rebuilt(System.nanoTime() - started);
            log.info("Rebuilt partition {} from its history in {} ms", partition, (System.nanoTime() - started) / 1_000_000);
        } finally {
            rebuilding.remove(partition);
        }
    }

    /**
     * An approved rule set replaces the running one between two batches: each partition's profiles are
     * saved, and its pipeline is rebuilt from the last commit with the new rules and warmed up on its
     * recent history (decisions muted), so the new rules start with full windows and do not alert again
     * on events already decided.
     */
    private void switchRules() {
        RuleSet next = liveRules.current();
        log.info("Switching the rule set from {} to {}", rules.version(), next.version());
        if (settleQuietly()) {
            for (Integer p : pipelines.keySet()) {
                saveProfiles(p);
            }
        }
        rules = next;
        restartFromCommitted();
    }

    private void restartFromCommitted() {
        settleQuietly();
        blocks.clear();
        pipelines.values().forEach(DecisionPipeline::close);
        pipelines.clear();
        positions.clear();
        for (TopicPartition tp : consumer.assignment()) {
            open(tp);
        }
    }

    private void open(TopicPartition tp) {
        BatchStore.Position at = store.position(tp.topic(), tp.partition());
        positions.put(tp.partition(), at == null ? null : at.nextOffset());
        if (at == null) {
            // Nothing committed yet: from the start, also after a first batch that failed.
            pipelines.put(tp.partition(), newPipeline());
            consumer.seekToBeginning(List.of(tp));
            return;
        }
        consumer.seek(tp, at.nextOffset());
        pipelines.put(tp.partition(), warmedPipeline(tp, at, List.of()));
    }

    private DecisionPipeline newPipeline() {
        return new DecisionPipeline(rules, reference, assets, segments, blocks);
    }

    /**
     * A pipeline holding what the partition's history up to {@code at} (and the events of the current batch
     * not yet committed) put into it. An event of that history that throws in turn is left out and the
     * warm-up starts again without it, a few times at most; then the partition starts without history
     * rather than not at all.
     */
    private DecisionPipeline warmedPipeline(TopicPartition tp, BatchStore.Position at, List<Batch.Event> uncommitted) {
        Set<String> leftOut = new HashSet<>();
        while (true) {
            DecisionPipeline pipeline = newPipeline();
            try {
                if (at != null && at.newestEventAtMillis() != null) {
                    restoreProfiles(pipeline, tp, at.nextOffset());
                    warmUp(pipeline, tp.partition(), at, leftOut);
                }
                for (Batch.Event e : uncommitted) {
                    warm(pipeline, e.json(), leftOut);
                }
                return pipeline;
            } catch (EventFault fault) {
                pipeline.close();
                metrics.fault(fault, true);
                leftOut.add(fault.eventId());
                log.error("warming partition {} up: event {} of its history threw; left out ({} so far): {}",
                        tp.partition(), fault.eventId(), leftOut.size(), fault.reason(), fault);
                if (leftOut.size() >= MAX_HISTORY_FAULTS) {
                    log.error("partition {} starts without its history after {} faults in it", tp.partition(), leftOut.size());
                    return newPipeline();
                }
            }
        }
    }

    private void restoreProfiles(DecisionPipeline pipeline, TopicPartition tp, long committedNextOffset) {
        byte[] snapshot = profiles.load(tp.topic(), tp.partition(), committedNextOffset);
        if (snapshot == null) {
            return;
        }
        try {
            log.info("Restored {} subscriber profiles of partition {} from Redis", pipeline.restore(snapshot), tp.partition());
        } catch (IllegalArgumentException e) {
            log.warn("ignoring the profile snapshot of partition {}: {}", tp.partition(), e.getMessage());
        }
    }

    /**
     * The partition's recent history goes through the new pipeline again, decisions muted, so that
     * windows, profiles and features hold what they held before the hand-over: the CEP retention of
     * voice and SMS (4 h) for everything, and the slow provisioning kinds for up to 72 h.
     */
    private void warmUp(DecisionPipeline pipeline, int partition, BatchStore.Position at, Set<String> leftOut) {
        long started = System.nanoTime();
        long[] counts = new long[1];
        store.history(partition, at.nextOffset(), at.newestEventAtMillis(), rules.parameters().millis("retention.voice"),
                rules.parameters().millis("retention.subscription"), json -> {
                    if (warm(pipeline, json, leftOut)) {
                        counts[0]++;
                    }
                });
        log.info("Warmed up partition {} with {} events of its history in {} ms", partition, counts[0],
                (System.nanoTime() - started) / 1_000_000);
    }

    /** @throws EventFault if the event throws in the pipeline (the caller rebuilds without it) */
    private boolean warm(DecisionPipeline pipeline, String json, Set<String> leftOut) {
        if (parser.parse(json) instanceof ParseResult.Accepted a && pipeline.admissionProblem(a.event()) == null
                && !leftOut.contains(a.event().getEventId())) {
            pipeline.warm(a.event());
            return true;
        }
        return false;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // The new owner starts from this instance's last commit; if that failed, the kept partitions'
            // state is ahead of the database and is rebuilt after this poll.
            boolean settled = settleQuietly();
            resumeFromCommitted |= !settled;
            for (TopicPartition tp : partitions) {
                if (settled) {
                    saveProfiles(tp.partition()); // for the instance that takes it over
                }
                savedAt.remove(tp.partition());
                positions.remove(tp.partition());
                DecisionPipeline p = pipelines.remove(tp.partition());
                if (p != null) {
                    p.close();
                }
            }
            log.info("Partitions revoked: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                open(tp);
            }
            log.info("Partitions assigned: {}", partitions);
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, settings.fetchMaxWaitMs());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return p;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return p;
    }

    @Override
    public void stop() {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (relay != null) {
            relay.stop();
        }
        join(consumerThread);
        join(relayThread);
        if (committer != null) {
            committer.shutdown();
        }
        // Only once neither thread can still be sending through it.
        if (producer != null && !alive(consumerThread) && !alive(relayThread)) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the database (Flyway) and the Redis mirror's reconciliation. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    private static boolean alive(Thread t) {
        return t != null && t.isAlive();
    }

    private static void join(Thread t) {
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // metrics of a consumer that is going away
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
