package io.ringfence.decision;

import io.ringfence.detection.AlertRegistry;
import io.ringfence.detection.RuleMatch;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.detection.Typology;
import io.ringfence.event.TelecomEvent;
import io.ringfence.features.FeatureTracker;
import io.ringfence.scoring.FraudModel;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fraud model as a detector, not only a scorer. Every active line is scored from its rolling features at most
 * once per {@code anomaly.interval} of event time, when it shows activity; the score rides on each of the line's
 * events ({@code enrichment.lineScore}) for rules to read. A score of at least {@code anomaly.minScore} that no rule
 * explains (no incident of a rule's typology open on the line once the event's rules have run) raises an
 * {@link Typology#ANOMALY} alert: the team learns of a pattern its rules do not know. An anomaly is never blocked
 * automatically ({@link Decider}); the decision table routes it to a person.
 * <p>
 * One per pipeline, like the features it reads; event time only, so a replay or a backtest finds the same anomalies.
 */
public final class AnomalyWatch {
    public static final String RULE_ID = "MODEL-ANOMALY";
    /** Lines not seen for this long are forgotten (their score is stale and their features gone). */
    private static final long FORGET_AFTER_MILLIS = 24 * 3_600_000L;
    private static final int SWEEP_EVERY = 100_000;

    /** A line's last score and when it was computed. */
    private static final class Last {
        long at;
        float score;
    }

    /** @param model the version of the model that scored, the anomaly's rule version */
    private record Candidate(String line, double score, long at, String model) {
    }

    private final FeatureTracker features;
    private final Supplier<FraudModel> model;
    private final boolean enabled;
    private final long intervalMillis;
    private final double minScore;
    private final Map<String, Last> lines = new HashMap<>();
    private Candidate candidate;
    /** Rebuilding from history: the features then stand at the snapshot's end, not at each event's time. */
    private boolean warming;
    private long newestMillis = Long.MIN_VALUE;
    private int sinceSweep;
    private long scored;
    private long failures;
    private long raised;
    private long explained;

    public AnomalyWatch(FeatureTracker features, Supplier<FraudModel> model, RuleParameters parameters) {
        this.features = features;
        this.model = model;
        this.enabled = Boolean.parseBoolean(parameters.get("anomaly.enabled"));
        this.intervalMillis = parameters.millis("anomaly.interval");
        this.minScore = Double.parseDouble(parameters.get("anomaly.minScore"));
    }

    /**
     * After the event's features were counted and before the rules see it: scores the line if due, and puts its
     * latest score on the event.
     */
    public void observed(TelecomEvent event) {
        String line = event.getSubscriber();
        if (!enabled || line == null) {
            return;
        }
        long t = event.getTimestampMillis();
        newestMillis = Math.max(newestMillis, t);
        Last last = lines.get(line);
        if (warming) {
            // Replayed history after a take-over is judged as it was when live; the features restored from the snapshot
            // stand at its end, so scoring them again here would see the future and raise what was never raised.
            if (last != null) {
                event.getEnrichment().setLineScore(last.score);
            }
            return;
        }
        if (last == null || t - last.at >= intervalMillis) {
            double s = -1;
            String version = null;
            try {
                FraudModel m = model.get();
                s = m.score(features.vector(line, t));
                version = m.version();
                scored++;
            } catch (RuntimeException | StackOverflowError | LinkageError e) {
                // The live model failed on this line: no score, no anomaly, and the event goes on.
                failures++;
            }
            if (last == null) {
                last = new Last();
                lines.put(line, last);
            }
            last.at = Math.max(last.at, t);
            last.score = (float) s;
            candidate = version != null && s >= minScore ? new Candidate(line, s, t, version) : null;
        }
        event.getEnrichment().setLineScore(last.score);
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            forgetQuietLines();
        }
    }

    /** Replaying history to rebuild state (decisions muted): no scoring, no anomaly; see {@link #observed}. */
    public void warming(boolean on) {
        this.warming = on;
        this.candidate = null;
    }

    /**
     * After the event's rules ran: an anomaly if the line scored high just now and no rule explains it. A failure
     * here is counted and costs the anomaly, never the event or the decisions the rules made on it.
     */
    public void afterRules(TelecomEvent event, AlertRegistry alerts) {
        Candidate c = candidate;
        candidate = null;
        if (c == null || !c.line().equals(event.getSubscriber())) {
            return;
        }
        try {
            if (alerts.explains(c.line())) {
                explained++;
                return;
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("score", Math.round(c.score() * 1000) / 1000.0);
            figures.put("minScore", minScore);
            figures.put("model", c.model());
            alerts.raise(new RuleMatch(RULE_ID, c.model(), Typology.ANOMALY, Severity.MEDIUM, Subject.subscriber(c.line()),
                    c.line(), c.at(), c.at(), c.at(), List.of(event.getEventId()), figures));
            raised++;
        } catch (RuntimeException e) {
            failures++;
        }
    }

    private void forgetQuietLines() {
        for (Iterator<Last> it = lines.values().iterator(); it.hasNext(); ) {
            if (newestMillis - it.next().at > FORGET_AFTER_MILLIS) {
                it.remove();
            }
        }
    }

    /**
     * Scores computed, failures (a score or a raise that threw), high scores raised as anomalies (a later one on a line
     * whose anomaly is still open merges into it), high scores a rule explained, and lines remembered.
     */
    public record Counts(long scored, long failures, long raised, long explained, int lines) {
    }

    public Counts counts() {
        return new Counts(scored, failures, raised, explained, lines.size());
    }
}
