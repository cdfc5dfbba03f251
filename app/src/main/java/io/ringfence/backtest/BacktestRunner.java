package io.ringfence.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.cases.CaseOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one backtest to its end: streams its events (a range of the history, or an uploaded file) through
 * both sides, stops on a cancel or a spent budget with the reason, and stores the differences (with the
 * case outcomes of their subjects) and the summary.
 */
@Component
class BacktestRunner {
    private static final Logger log = LoggerFactory.getLogger(BacktestRunner.class);
    /** The clock is read this often, not per event: a budget is minutes, an event microseconds. */
    private static final int CLOCK_EVERY = 256;

    private final BacktestStore store;
    private final CaseOutcomes outcomes;
    private final BacktestProperties properties;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();

    BacktestRunner(BacktestStore store, CaseOutcomes outcomes, BacktestProperties properties, ObjectMapper mapper) {
        this.store = store;
        this.outcomes = outcomes;
        this.properties = properties;
        this.mapper = mapper;
    }

    /** The same runner with other budgets (tests). */
    BacktestRunner withProperties(BacktestProperties other) {
        return new BacktestRunner(store, outcomes, other, mapper);
    }

    /** Where a run stopped early, and why. */
    private static final class Stop {
        Backtest.Status status;
        String reason;

        boolean set(Backtest.Status s, String why) {
            status = s;
            reason = why;
            return false;
        }
    }

    void run(Job job, Job.Listener listener) {
        try {
            runAndStore(job, listener);
        } finally {
            job.events.release();
        }
    }

    private void runAndStore(Job job, Job.Listener listener) {
        long[] done = {0};
        try {
            long total = job.events.count();
            if (!store.start(job.id, total, clock.instant())) {
                return;
            }
            if (total > properties.maxEvents()) {
                store.stopped(job.id, Backtest.Status.FAILED, "the input holds " + total + " events, over the budget of "
                        + properties.maxEvents() + " (ringfence.backtest.max-events); backtest a shorter range", 0, clock.instant());
                return;
            }
            Comparison comparison = new Comparison(properties.maxDifferences());
            long deadline = System.nanoTime() + properties.timeBudget().toNanos();
            Stop stop = new Stop();
            try (SideBySide sides = new SideBySide(job.live, job.draft, comparison)) {
                boolean complete = job.events.read((at, payload) -> {
                    if (job.cancelled()) {
                        return stop.set(Backtest.Status.CANCELLED, job.cancelReason() + " after " + done[0] + " events");
                    }
                    if (done[0] >= properties.maxEvents()) {
                        return stop.set(Backtest.Status.FAILED, "event budget of " + properties.maxEvents()
                                + " events spent at " + Instant.ofEpochMilli(at) + " (ringfence.backtest.max-events)");
                    }
                    sides.accept(payload);
                    done[0]++;
                    if (done[0] % CLOCK_EVERY == 0 && System.nanoTime() - deadline > 0) {
                        return stop.set(Backtest.Status.FAILED, "time budget of " + properties.timeBudget() + " spent after "
                                + done[0] + " events, at " + Instant.ofEpochMilli(at) + " (ringfence.backtest.time-budget)");
                    }
                    if (done[0] % properties.progressEvery() == 0) {
                        if (store.progress(job.id, done[0], clock.instant())) {
                            job.cancel("cancelled");
                        }
                        listener.progress(job, done[0]);
                    }
                    return true;
                });
                if (!complete) {
                    store.stopped(job.id, stop.status, stop.reason, done[0], clock.instant());
                    return;
                }
                sides.finish();
                List<Difference> differences = withOutcomes(comparison.differences());
                BacktestSummary summary = BacktestSummary.of(done[0], sides, comparison, differences);
                store.done(job.id, done[0], mapper.writeValueAsString(summary), differences, clock.instant());
            }
        } catch (Comparison.TooManyDifferences e) {
            store.stopped(job.id, Backtest.Status.FAILED, e.getMessage() + " (ringfence.backtest.max-differences)", done[0],
                    clock.instant());
        } catch (RuntimeException | JsonProcessingException e) {
            log.error("backtest {} failed", job.id, e);
            store.stopped(job.id, Backtest.Status.FAILED, "internal error after " + done[0] + " events: " + e
                    + " (see the service log)", done[0], clock.instant());
        }
    }

    private List<Difference> withOutcomes(List<Difference> differences) {
        List<String> subjects = new ArrayList<>();
        for (Difference d : differences) {
            subjects.add(d.subjectValue());
            if (d.subscriber() != null) {
                subjects.add(d.subscriber());
            }
        }
        Map<String, String> known = outcomes.latest(subjects);
        List<Difference> out = new ArrayList<>(differences.size());
        for (Difference d : differences) {
            String o = known.get(d.subjectValue());
            if (o == null && d.subscriber() != null) {
                o = known.get(d.subscriber());
            }
            out.add(o == null ? d : d.withOutcome(o));
        }
        return out;
    }
}
