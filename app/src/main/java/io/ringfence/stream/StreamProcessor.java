package io.ringfence.stream;

import io.ringfence.blocks.BlockStore;
import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.decision.DecisionPipeline;
import io.ringfence.detection.RuleSet;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.outbox.Outbox;
import io.ringfence.tracing.Traces;
import io.ringfence.outbox.OutboxRelay;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The streaming driver of the pipeline: consumes {@code telecom.events}, runs each assigned partition
 * through its own {@link DecisionPipeline} ({@link Partitions}, {@link BatchRunner}), and commits each poll's
 * results, with the offsets they cover, in one PostgreSQL transaction ({@link BatchStore}, one batch in flight:
 * {@link CommitPipeline}); the partitions of a poll run at the same time on {@link PartitionWorkers}. Offsets live in the database, so a crash resumes exactly after the last committed
 * batch; Kafka's committed offsets follow for lag monitoring. This class is the poll loop: it starts the threads,
 * wires the parts for one run, switches rule sets between batches, and recovers from a failed batch.
 *
 * <p>On a rebalance a partition's in-memory state (CEP windows, profiles, features) starts empty on its
 * new owner; see docs/streaming.md for what that costs and how it is bounded.
 */
@Component
class StreamProcessor implements SmartLifecycle, StreamHealth.State {
    private static final Logger log = LoggerFactory.getLogger(StreamProcessor.class);

    private final KafkaSettings settings;
    private final KafkaClients clients;
    private final LiveRuleSet liveRules;
    private final PipelineWarmUp warmUp;
    private final ProfileHandover profiles;
    private final BatchCommitter batches;
    private final BatchStore store;
    private final IngestMetrics metrics;
    private final Outbox outbox;
    private final BlockStore blockStore;
    private final Traces traces;
    /**
     * The load harness's durable floor (docs/benchmarks.md): events consumed, parsed, stored in the history and their
     * offsets committed, in the same batch transaction, with no rules, features, decisions or dead-lettering of late
     * events. What the rest costs is measured against it; nothing is detected, so never set it anywhere else.
     */
    private final boolean floor;
    /** {@code ringfence.stream.threads}: how many partitions of a poll run at the same time. */
    private final int threads;
    /**
     * {@code ringfence.stream.subject-stage}: off (default), auto (two stages when {@code telecom.events} has several
     * partitions) or on. Off by default until two stages have held through a rolling update under load (docs/streaming.md).
     */
    private final String subjectStage;
    /** {@code ringfence.stream.max-skew}: how far in event time the subscriber stage's partitions may drift apart. */
    private final Duration maxSkew;
    private Producer<byte[], byte[]> producer;
    private OutboxRelay relay;
    private Thread relayThread;
    /** The consuming loops: the whole stream, or the subscriber stage and (once started) the subject stage. */
    private final List<Loop> loops = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running;

    /** One consuming loop's own parts (docs/streaming.md, "Two stages"). */
    private final class Loop {
        final StreamStage stage;
        final Thread thread;
        /** Commits one batch while the loop's thread processes the next. */
        final ExecutorService committer;
        volatile KafkaConsumer<byte[], byte[]> consumer;
        /** The partitions of the current run (read by the health check). */
        volatile Partitions partitions;
        volatile String problem;

        Loop(StreamStage stage) {
            this.stage = stage;
            this.committer = Executors.newSingleThreadExecutor(r -> new Thread(r, "ringfence-commit-" + stage.name()));
            this.thread = new Thread(() -> consume(this), stage.stage() == io.ringfence.detection.RuleStage.SUBJECT
                    ? "ringfence-stream-subject" : "ringfence-stream");
        }
    }

    StreamProcessor(KafkaSettings settings, KafkaClients clients, LiveRuleSet liveRules, PipelineWarmUp warmUp,
                    ProfileHandover profiles, BatchCommitter batches, BatchStore store, IngestMetrics metrics,
                    Outbox outbox, BlockStore blockStore, Traces traces,
                    @Value("${ringfence.stream.threads:0}") int threads,
                    @Value("${ringfence.stream.floor:false}") boolean floor,
                    @Value("${ringfence.stream.subject-stage:off}") String subjectStage,
                    @Value("${ringfence.stream.max-skew:1m}") Duration maxSkew,
                    org.springframework.core.env.Environment env) {
        if (floor && !env.matchesProfiles("demo")) {
            throw new io.ringfence.startup.StartupRefused("ringfence.stream.floor turns detection off: only the load harness"
                    + " sets it, on servers of its own under the demo profile; remove it");
        }
        this.settings = settings;
        this.clients = clients;
        this.liveRules = liveRules;
        this.warmUp = warmUp;
        this.profiles = profiles;
        this.batches = batches;
        this.store = store;
        this.metrics = metrics;
        this.outbox = outbox;
        this.blockStore = blockStore;
        this.traces = traces;
        this.floor = floor;
        this.threads = PartitionWorkers.threads(threads);
        this.subjectStage = subjectStage.trim().toLowerCase(java.util.Locale.ROOT);
        this.maxSkew = maxSkew;
        if (!List.of("auto", "on", "off").contains(this.subjectStage)) {
            throw new IllegalArgumentException("ringfence.stream.subject-stage is auto, on or off, not " + subjectStage);
        }
        if (this.threads < 1) {
            throw new IllegalArgumentException("ringfence.stream.threads must be 1 or more (0: one per available"
                    + " processor), not " + threads);
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        producer = clients.producer();
        relay = outbox.relay(producer, clients::reader);
        running = true;
        relayThread = new Thread(relay, "ringfence-outbox");
        Loop first = new Loop(floor || subjectStage.equals("off") ? StreamStage.whole(settings) : StreamStage.subscriber(settings));
        loops.add(first);
        first.thread.start();
        relayThread.start();
        log.info("Consuming {} from {} as group {}", settings.topics().events(), settings.bootstrapServers(),
                settings.groupId());
    }

    /**
     * Whether the stream runs in two stages, decided once the events topic's partitions are known: with one
     * partition every subject's events are in it, and the whole rule set runs there.
     */
    private boolean twoStages(KafkaConsumer<byte[], byte[]> consumer) {
        if (floor || subjectStage.equals("off")) {
            return false;
        }
        int partitionCount = consumer.partitionsFor(settings.topics().events(), Duration.ofMinutes(2)).size();
        if (partitionCount == 0) {
            throw new IllegalStateException(settings.topics().events() + " does not exist yet");
        }
        boolean two = subjectStage.equals("on") || partitionCount > 1;
        if (two) {
            SubjectTopic.ensure(clients, settings.topics().events(), settings.topics().subject());
        }
        return two;
    }

    /**
     * One stage on several partitions is what a release before the subject stage ran: the rules that count one caller's,
     * sender's or global title's events across subscribers see each partition's share only. Said once, at the start,
     * where an operator's log alerts look.
     */
    private void warnIfSplit(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        if (floor) {
            return;
        }
        try {
            int count = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
            if (count > 1) {
                log.warn("{} has {} partitions and ringfence.stream.subject-stage is off: the Wangiri, SMS pumping and SS7"
                        + " scanning rules see each partition's share of a caller's, sender's or global title's events,"
                        + " not all of them; set it to auto (docs/streaming.md, \"Two stages\")", topic, count);
            }
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("cannot count the partitions of {}: {}", topic, e.toString());
        }
    }

    /** Pausing and resuming is an optimisation of answers, never a reason to fail a batch. */
    private static void align(EventTimeAlignment alignment, KafkaConsumer<byte[], byte[]> consumer) {
        try {
            alignment.align(consumer);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("cannot keep the partitions in step in event time this time: {}", e.toString());
        }
    }

    /** Retried for as long as the broker is away (the partitions cannot be known without it). */
    private boolean decideTwoStages(Loop loop, KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
        long backoff = 500;
        while (true) {
            try {
                boolean two = twoStages(consumer);
                loop.problem = null;
                return two;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                loop.problem = "cannot read the partitions of " + settings.topics().events() + " or create "
                        + settings.topics().subject() + ": " + KafkaClientProperties.describe(e);
                log.warn("{}; retrying in {} ms", loop.problem, backoff);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private void consume(Loop loop) {
        RuleSet rules = liveRules.current(); // what asset_live made live before the first partition opens
        StreamStage stage = loop.stage;
        String topic = stage.topic();
        KafkaConsumer<byte[], byte[]> consumer = stage.stage() == io.ringfence.detection.RuleStage.SUBJECT
                ? clients.consumer(stage.groupId()) : clients.consumer();
        loop.consumer = consumer;
        if (!running) {
            consumer.close(Duration.ZERO);
            return;
        }
        AutoCloseable lagMetrics = metrics.bind(consumer);
        PartitionWorkers workers = new PartitionWorkers(threads);
        CommitPipeline commits = null;
        Partitions partitions = null;
        try {
            SubjectHandoff handoff = null;
            if (stage.stage() == io.ringfence.detection.RuleStage.SUBSCRIBER) {
                if (decideTwoStages(loop, consumer) && running) {
                    handoff = new SubjectHandoff(producer, settings.topics().subject());
                    Loop second = new Loop(StreamStage.subject(settings));
                    loops.add(second);
                    second.thread.start();
                    log.info("Two stages: the subject stage's rules run on {} as group {}", settings.topics().subject(),
                            second.stage.groupId());
                } else {
                    stage = StreamStage.whole(settings);
                }
            }
            if (stage.stage() == null) {
                log.info("One stage: {} runs the whole rule set", topic);
                warnIfSplit(consumer, topic);
            }
            JdbcBlockRegistry blocks = new JdbcBlockRegistry(blockStore);
            commits = new CommitPipeline(consumer, loop.committer, batches, relay, blocks, stage);
            ProfileHandover stageProfiles = stage.storesHistory() ? profiles : profiles.forTopic(topic);
            partitions = new Partitions(consumer, stage, commits, warmUp, stageProfiles, store, blocks, metrics, rules,
                    liveRules.shadow());
            loop.partitions = partitions;
            log.info("Running the partitions of each poll on {} thread{} ({})", threads, threads == 1 ? "" : "s", topic);
            if (floor) {
                log.warn("ringfence.stream.floor is set: events are stored and committed WITHOUT DETECTION (a benchmark's floor)");
            }
            EventTimeAlignment alignment = stage.stage() == io.ringfence.detection.RuleStage.SUBSCRIBER
                    ? new EventTimeAlignment(topic, maxSkew, store) : null;
            consumer.subscribe(List.of(topic), partitions);
            BatchRunner runner = new BatchRunner(partitions, commits, stageProfiles,
                    new DeadLetters(producer, settings.topics().deadLetter()), metrics, workers, traces, handoff, floor);
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                    if (partitions.takeFailedRevocation()) {
                        throw new IllegalStateException("a batch did not commit during a rebalance");
                    }
                    if (records.isEmpty()) {
                        commits.settle(); // an idle stream still sees its last batch through
                    }
                    RuleSet live = liveRules.current();
                    LiveRuleSet.Shadow shadow = liveRules.shadow();
                    if (live != partitions.rules()) {
                        // Checked after the poll, so a record that arrived after the switch is never judged by
                        // the old rules: the switch seeks back to the last commit and polls these again.
                        partitions.switchRules(live, shadow);
                        if (alignment != null) {
                            alignment.reset();
                        }
                    } else {
                        if (shadow != partitions.shadow()) {
                            partitions.switchShadow(shadow);
                        }
                        if (!records.isEmpty()) {
                            Map<Integer, Long> reached = runner.process(records, alignment == null ? null : alignment.limit());
                            if (alignment != null) {
                                alignment.processed(reached);
                            }
                        }
                    }
                    if (alignment != null) {
                        align(alignment, consumer);
                    }
                    loop.problem = null;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException | ExecutionException e) {
                    // A batch did not commit (or a partition could not be opened): its effects on in-memory
                    // state cannot be undone, so the partitions start again from what the database holds,
                    // retrying for as long as the database or the broker is away.
                    if (alignment != null) {
                        alignment.reset();
                    }
                    loop.problem = KafkaClientProperties.describe(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
                    log.error("batch failed, resuming from the last committed offsets: {}", loop.problem);
                    recover(loop, partitions);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running) {
                // stop() wakes the consumer up; an interrupt from elsewhere would otherwise stop the stream unseen.
                loop.problem = "consumer thread interrupted";
                log.error("consumer thread interrupted while running: the stream stops");
            }
        } catch (RuntimeException e) {
            loop.problem = "consumer stopped: " + e;
            log.error("consumer stopped", e);
        } finally {
            if (commits != null) {
                commits.settleQuietly(); // the last batch's commit, and what follows it, before the consumer closes
            }
            if (partitions != null) {
                partitions.closeAll();
            }
            workers.close();
            closeQuietly(lagMetrics);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void recover(Loop loop, Partitions partitions) throws InterruptedException {
        long backoff = 500;
        while (running) {
            Thread.sleep(backoff);
            try {
                partitions.restartFromCommitted();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                loop.problem = KafkaClientProperties.describe(e);
                log.warn("still cannot resume ({}); retrying in {} ms", loop.problem, Math.min(backoff * 2, 30_000));
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    /** Null while consuming normally; otherwise what went wrong last (for the health endpoint). */
    @Override
    public String problem() {
        for (Loop loop : loops) {
            String problem = loop.problem;
            if (running && !loop.thread.isAlive()) {
                return problem == null ? "consumer thread ended (" + loop.stage.name() + ")" : problem;
            }
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Partitions being rebuilt after a fault, for the health check (DEGRADED while not empty). */
    @Override
    public Set<Integer> rebuilding() {
        Set<Integer> all = new java.util.TreeSet<>();
        for (Loop loop : loops) {
            Partitions p = loop.partitions;
            if (p != null) {
                all.addAll(p.rebuilding());
            }
        }
        return all;
    }

    @Override
    public void stop() {
        running = false;
        for (Loop loop : loops) {
            KafkaConsumer<byte[], byte[]> c = loop.consumer;
            if (c != null) {
                c.wakeup();
            }
        }
        if (relay != null) {
            relay.stop();
        }
        // By index: a subject loop started while stopping is joined too.
        for (int i = 0; i < loops.size(); i++) {
            Loop loop = loops.get(i);
            KafkaConsumer<byte[], byte[]> c = loop.consumer;
            if (c != null) {
                c.wakeup();
            }
            join(loop.thread);
            loop.committer.shutdown();
        }
        join(relayThread);
        // Only once no thread can still be sending through it.
        if (producer != null && loops.stream().noneMatch(l -> alive(l.thread)) && !alive(relayThread)) {
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
}
