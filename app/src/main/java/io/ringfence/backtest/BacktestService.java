package io.ringfence.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.audit.EventHistoryReader;
import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.governance.Drafts;
import io.ringfence.governance.LiveRuleSet;
import io.ringfence.reference.ReferenceDataRepository;
import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backtesting a submitted change: the draft beside the versions live now, over a range of the stored
 * history or an uploaded file of events, in the background on a small bounded pool (docs/governance.md).
 */
@Service
class BacktestService {
    private final Drafts drafts;
    private final LiveRuleSet liveRules;
    private final DecisionAssets liveModels;
    private final ReferenceDataRepository reference;
    private final CustomerSegments segments;
    private final BacktestStore store;
    private final BacktestRunner runner;
    private final BacktestProperties properties;
    private final EventHistoryReader history;
    private final ObjectMapper mapper;
    private final ThreadPoolExecutor pool;
    private final Map<UUID, Job> jobs = new ConcurrentHashMap<>();
    /** Jobs still in the pool's queue, so that a cancel takes them out at once (and frees their file and slot). */
    private final Map<UUID, Runnable> waiting = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    BacktestService(Drafts drafts, LiveRuleSet liveRules, DecisionAssets liveModels, ReferenceDataRepository reference,
                    CustomerSegments segments, BacktestStore store, BacktestRunner runner, BacktestProperties properties,
                    EventHistoryReader history, ObjectMapper mapper) {
        this.history = history;
        this.mapper = mapper;
        this.segments = segments;
        this.drafts = drafts;
        this.reference = reference;
        this.liveRules = liveRules;
        this.liveModels = liveModels;
        this.store = store;
        this.runner = runner;
        this.properties = properties;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.concurrency(), properties.concurrency(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queue()), r -> {
                    Thread t = new Thread(r, "ringfence-backtest-" + n.incrementAndGet());
                    t.setDaemon(true);
                    // Below the stream's consumer threads: a backtest must not slow down live decisions.
                    t.setPriority(Thread.MIN_PRIORITY);
                    return t;
                });
    }

    /**
     * Checks the request, compiles the draft (a refusal answers at once), and queues the job.
     *
     * @throws BacktestRejected 400 for a bad range, 429 when the queue is full
     * @throws io.ringfence.governance.ChangeRejected 404 for an unknown change, 422 for one that cannot run
     */
    Backtest start(UUID changeId, Instant from, Instant to, String user) {
        return start(changeId, from, to, user, Job.Listener.NONE);
    }

    Backtest start(UUID changeId, Instant from, Instant to, String user, Job.Listener listener) {
        if (!from.isBefore(to)) {
            throw new BacktestRejected(400, "Invalid range", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(properties.maxRange()) > 0) {
            throw new BacktestRejected(400, "Range too long", "a backtest covers at most " + properties.maxRange()
                    + " (ringfence.backtest.max-range); this range is " + Duration.between(from, to));
        }
        return queue(plan(changeId), Events.history(history, from, to, properties.fetchSize()), from, to, null, user,
                listener);
    }

    /**
     * What a backtest of the change compares, checked before a file is read: the change compiles (404, 422) and
     * this instance has room for another job (429), so a refusal never waits for an upload to be read.
     */
    Plan plan(UUID changeId) {
        if (pool.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
        Drafts.Draft draft = drafts.draft(changeId);
        DecisionAssets.Live models = liveModels.live();
        // Each side keeps the lists it starts with: a reference change going live mid-range must not switch them.
        ReferenceDataRepository liveLists = ReferenceDataRepository.fixed(reference.current(), reference.files());
        CustomerSegments liveCustomers = segments.snapshot();
        SideBySide.Versions live = new SideBySide.Versions(liveRules.current(), models, liveLists, liveCustomers);
        SideBySide.Versions candidate = new SideBySide.Versions(
                draft.rules() != null ? draft.rules() : live.rules(),
                new DecisionAssets.Live(draft.decisionModel() != null ? draft.decisionModel() : models.decisionModel(),
                        draft.scoringModel() != null ? draft.scoringModel() : models.scoringModel()),
                draft.reference() != null
                        ? ReferenceDataRepository.fixed(draft.reference().data(), draft.reference().files()) : liveLists,
                draft.customers() != null ? draft.customers() : liveCustomers);
        String liveVersion = switch (draft.kind()) {
            case RULES -> live.rules().version();
            case DECISION_MODEL -> models.decisionModel().version();
            case SCORING_MODEL -> models.scoringModel().version();
            case REFERENCE_DATA -> liveLists.current().version();
            case CUSTOMER_DATA -> liveCustomers.version();
            case HOT_LIST -> throw new IllegalStateException("not deployable");
        };
        return new Plan(changeId, draft, liveVersion, live, candidate);
    }

    /** The two sides of a backtest of one change, fixed when it was planned. */
    record Plan(UUID changeId, Drafts.Draft draft, String liveVersion, SideBySide.Versions live,
                SideBySide.Versions candidate) {
    }

    /**
     * The planned backtest on a file an analyst uploaded ({@link EventsUpload}); its events are released whether or
     * not the job is queued.
     */
    Backtest startOnFile(Plan plan, EventsUpload.Received upload, String user) {
        return startOnFile(plan, upload, user, Job.Listener.NONE);
    }

    Backtest startOnFile(Plan plan, EventsUpload.Received upload, String user, Job.Listener listener) {
        boolean queued = false;
        try {
            Backtest b = queue(plan, upload.events(), upload.from(), upload.to(), json(upload.input()), user, listener);
            queued = true;
            return b;
        } finally {
            if (!queued) {
                upload.events().release();
            }
        }
    }

    private Backtest queue(Plan plan, Events events, Instant from, Instant to, String inputJson, String user,
                           Job.Listener listener) {
        UUID changeId = plan.changeId();
        Drafts.Draft draft = plan.draft();
        String liveVersion = plan.liveVersion();
        SideBySide.Versions live = plan.live();
        SideBySide.Versions candidate = plan.candidate();
        Backtest b = new Backtest(UUID.randomUUID(), changeId, draft.kind().name(), liveVersion, draft.version(), from, to,
                Backtest.Status.QUEUED, user, clock.instant(), null, null, 0, null, null, null, inputJson);
        store.insert(b);
        Job job = new Job(b.backtestId(), events, live, candidate);
        jobs.put(job.id, job);
        Runnable work = () -> {
            waiting.remove(job.id);
            try {
                runner.run(job, listener);
            } finally {
                jobs.remove(job.id);
            }
        };
        waiting.put(job.id, work);
        try {
            pool.execute(work);
        } catch (RejectedExecutionException e) {
            waiting.remove(job.id);
            jobs.remove(job.id);
            events.release();
            store.stopped(b.backtestId(), Backtest.Status.FAILED, "refused: too many backtests queued", 0, clock.instant());
            throw busy();
        }
        return b;
    }

    private BacktestRejected busy() {
        return new BacktestRejected(429, "Too many backtests", properties.concurrency() + " running and "
                + properties.queue() + " queued on this instance; try again when one has finished");
    }

    private String json(EventsUpload.Input input) {
        try {
            return mapper.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an upload's description is plain data", e);
        }
    }

    Optional<Backtest> find(UUID id) {
        return store.find(id);
    }

    /** @throws BacktestRejected 404 for an unknown job, 409 for one already finished */
    Backtest cancel(UUID id) {
        Backtest b = store.find(id).orElseThrow(() -> new BacktestRejected(404, "Not found", "no backtest " + id));
        if (b.status().finished()) {
            throw new BacktestRejected(409, "Already finished", "backtest " + id + " is " + b.status());
        }
        Job mine = jobs.get(id);
        if (mine != null) {
            mine.cancel("cancelled");
            Runnable queued = waiting.remove(id);
            if (queued != null && pool.remove(queued)) {
                jobs.remove(id);
                mine.events.release();
            }
        }
        store.requestCancel(id, clock.instant());
        return store.find(id).orElseThrow();
    }

    /** Keeps this instance's jobs alive in the table, and fails the jobs of an instance that went away. */
    @Scheduled(fixedDelayString = "${ringfence.backtest.heartbeat:PT30S}", initialDelayString = "PT0S")
    void heartbeat() {
        store.heartbeat(jobs.keySet(), clock.instant(), properties.stale());
    }

    @PreDestroy
    void stop() {
        jobs.values().forEach(j -> j.cancel("the service stopped; start it again"));
        pool.shutdownNow();
    }
}
