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
    private KafkaConsumer<byte[], byte[]> consumer;
    private Producer<byte[], byte[]> producer;
    private JdbcBlockRegistry blocks;
    private OutboxRelay relay;
    private Thread consumerThread;
    private Thread relayThread;
    /** Commits one batch while the consumer thread processes the next. */
    private ExecutorService committer;
    /** The partitions of the current run (read by the health check). */
    private volatile Partitions partitions;
    private volatile boolean running;
    private volatile String problem;

    StreamProcessor(KafkaSettings settings, KafkaClients clients, LiveRuleSet liveRules, PipelineWarmUp warmUp,
                    ProfileHandover profiles, BatchCommitter batches, BatchStore store, IngestMetrics metrics,
                    Outbox outbox, BlockStore blockStore, Traces traces,
                    @Value("${ringfence.stream.threads:0}") int threads,
                    @Value("${ringfence.stream.floor:false}") boolean floor, org.springframework.core.env.Environment env) {
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
        blocks = new JdbcBlockRegistry(blockStore);
        relay = outbox.relay(producer, clients::reader);
        committer = Executors.newSingleThreadExecutor(r -> new Thread(r, "ringfence-commit"));
        running = true;
        consumerThread = new Thread(this::consume, "ringfence-stream");
        relayThread = new Thread(relay, "ringfence-outbox");
        consumerThread.start();
        relayThread.start();
        log.info("Consuming {} from {} as group {}", settings.topics().events(), settings.bootstrapServers(),
                settings.groupId());
    }

    private void consume() {
        RuleSet rules = liveRules.current(); // what asset_live made live before the first partition opens
        String topic = settings.topics().events();
        consumer = clients.consumer();
        AutoCloseable lagMetrics = metrics.bind(consumer);
        CommitPipeline commits = new CommitPipeline(consumer, committer, batches, relay, blocks, topic);
        Partitions partitions = new Partitions(consumer, topic, commits, warmUp, profiles, store, blocks, metrics, rules,
                liveRules.shadow());
        this.partitions = partitions;
        PartitionWorkers workers = new PartitionWorkers(threads);
        log.info("Running the partitions of each poll on {} thread{}", threads, threads == 1 ? "" : "s");
        if (floor) {
            log.warn("ringfence.stream.floor is set: events are stored and committed WITHOUT DETECTION (a benchmark's floor)");
        }
        try {
            consumer.subscribe(List.of(topic), partitions);
            BatchRunner runner = new BatchRunner(partitions, commits, profiles,
                    new DeadLetters(producer, settings.topics().deadLetter()), metrics, workers, traces, floor);
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
                    } else if (shadow != partitions.shadow()) {
                        partitions.switchShadow(shadow);
                        if (!records.isEmpty()) {
                            runner.process(records);
                        }
                    } else if (!records.isEmpty()) {
                        runner.process(records);
                    }
                    problem = null;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException | ExecutionException e) {
                    // A batch did not commit (or a partition could not be opened): its effects on in-memory
                    // state cannot be undone, so the partitions start again from what the database holds,
                    // retrying for as long as the database or the broker is away.
                    problem = KafkaClientProperties.describe(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
                    log.error("batch failed, resuming from the last committed offsets: {}", problem);
                    recover(partitions);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running) {
                // stop() wakes the consumer up; an interrupt from elsewhere would otherwise stop the stream unseen.
                problem = "consumer thread interrupted";
                log.error("consumer thread interrupted while running: the stream stops");
            }
        } catch (RuntimeException e) {
            problem = "consumer stopped: " + e;
            log.error("consumer stopped", e);
        } finally {
            commits.settleQuietly(); // the last batch's commit, and what follows it, before the consumer closes
            partitions.closeAll();
            workers.close();
            closeQuietly(lagMetrics);
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void recover(Partitions partitions) throws InterruptedException {
        long backoff = 500;
        while (running) {
            Thread.sleep(backoff);
            try {
                partitions.restartFromCommitted();
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                problem = KafkaClientProperties.describe(e);
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
        Partitions p = partitions;
        return p == null ? Set.of() : p.rebuilding();
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
}
