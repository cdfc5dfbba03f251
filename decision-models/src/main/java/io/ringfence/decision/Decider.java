package io.ringfence.decision;

import io.ringfence.detection.Alert;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureTracker;
import io.ringfence.features.FeatureVector;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The score and decide stages: an alert, the subscriber's features, the scoring model and the
 * disposition model make a decision. One per pipeline, like the CEP session it follows (not
 * thread-safe); the {@link DecisionAssets} it reads are shared.
 *
 * <p>An alert is decided when it is raised, and again when a later match raises its severity (a
 * Wangiri number that subscribers start calling back is worse than one that only rang). A block that
 * is already in force on the same target is not sent again; if the new decision wants a case where the
 * first did not, a case is opened instead.
 */
public final class Decider {
    private static final long HOUR = 3_600_000L;
    private static final String EXPOSURE_FEATURE = "chargeAmount24h";

    private final DecisionAssets assets;
    private final FeatureTracker features;
    private final CustomerSegments segments;
    private final String ruleSetVersion;
    private final ActiveBlocks blocks = new ActiveBlocks();
    private final RepeatOffences repeats;
    private final Map<String, Severity> decidedAt = new HashMap<>();
    private final Map<String, Integer> decisionsPerAlert = new HashMap<>();

    public Decider(DecisionAssets assets, FeatureTracker features, CustomerSegments segments, String ruleSetVersion,
                   long repeatWindowMillis) {
        this.assets = assets;
        this.features = features;
        this.segments = segments;
        this.ruleSetVersion = ruleSetVersion;
        this.repeats = new RepeatOffences(repeatWindowMillis);
    }

    /** A new alert: score it and decide. */
    public Outcome raised(Alert alert, long nowMillis) {
        return decide(alert, nowMillis);
    }

    /** A later match of an open alert: decided again only if its severity rose. Null otherwise. */
    public Outcome updated(Alert alert, long nowMillis) {
        Severity before = decidedAt.get(alert.getAlertId());
        if (before != null && alert.getSeverity().compareTo(before) <= 0) {
            return null;
        }
        return decide(alert, nowMillis);
    }

    /** The alert's incident is over: forget what was kept to notice escalations. */
    public void closed(Alert alert) {
        decidedAt.remove(alert.getAlertId());
        decisionsPerAlert.remove(alert.getAlertId());
    }

    private Outcome decide(Alert alert, long now) {
        DecisionAssets.Live live = assets.live();
        decidedAt.put(alert.getAlertId(), alert.getSeverity());
        FeatureVector vector = features.vector(alert.getSubscriber(), now);
        String note = null;
        Double score = null;
        try {
            score = live.scoringModel().score(vector);
        } catch (RuntimeException e) {
            note = "scoring failed, decided without a score: " + e.getMessage();
        }
        alert.setScore(score, live.scoringModel().name(), live.scoringModel().version());

        Subject target = alert.getSubject();
        CustomerSegments.Segment segment = segments.of(alert.getSubscriber());
        double exposure = FeatureSchema.indexOf(EXPOSURE_FEATURE) >= 0 ? vector.get(EXPOSURE_FEATURE) : 0;
        DispositionInput input = new DispositionInput(alert.getTypology().name(), alert.getRuleId(),
                alert.getSeverity().name(), score, target.kind().name(), segment.segment(), segment.monthlyValue(),
                repeats.count(target, now), round2(exposure));
        Disposition d;
        try {
            d = live.decisionModel().decide(input);
        } catch (DecisionModelException e) {
            // Never drop an alert because a table failed: a human gets it, with the engine's reason.
            d = new Disposition(Action.OPEN_CASE, true, 2, 0, "fraud-general", 120, List.of());
            note = "decision model failed, sent to a handler: " + e.getMessage();
        }
        Explanation why = new Explanation(alert.getRuleId(), List.copyOf(alert.getRulesFired()),
                alert.getSeverity().name(), new LinkedHashMap<>(alert.getFigures()), ruleSetVersion, score,
                rounded(vector.asMap()), input, d.rows(), note);

        Action action = d.action();
        boolean openCase = d.openCase();
        Long expires = action.isBlock() ? now + d.blockHours() * HOUR : null;
        if (action.isBlock()) {
            ActiveBlocks.Block active = blocks.active(action, target, now);
            if (active != null) {
                if (!openCase || active.caseOpened()) {
                    return Outcome.suppressed(decision(alert, now, live, Action.valueOf(action.name()), openCase, expires, d,
                            why.withNote("block " + active.decisionId() + " already in force on this target")), active.decisionId());
                }
                blocks.caseOpened(action, target);
                action = Action.OPEN_CASE;
                expires = null;
                why = why.withNote("block " + active.decisionId() + " already in force; this alert opens a case on it");
            }
        }
        Decision decision = decision(alert, now, live, action, openCase, expires, d, why);
        if (decision.action().isBlock()) {
            blocks.add(action, target, new ActiveBlocks.Block(decision.decisionId(), expires, openCase), now);
        }
        if (action.isOffence()) {
            repeats.record(target, now);
        }
        return Outcome.emitted(decision);
    }

    private Decision decision(Alert alert, long now, DecisionAssets.Live live, Action action, boolean openCase, Long expires,
                              Disposition d, Explanation why) {
        int n = decisionsPerAlert.merge(alert.getAlertId(), 1, Integer::sum);
        // Derived from the alert, so that replaying the same events gives the same decision ids.
        String id = UUID.nameUUIDFromBytes((alert.getAlertId() + "/decision/" + n).getBytes(StandardCharsets.UTF_8)).toString();
        boolean caseOpens = openCase || action == Action.OPEN_CASE;
        return new Decision(id, List.of(alert.getAlertId()), action, alert.getSubject(), alert.getTypology().name(),
                d.priority(), expires, null, caseOpens, caseOpens ? d.caseQueue() : null,
                caseOpens ? d.slaMinutes() : null, alert.getSubscriber(), now,
                live.decisionModel().name(), live.decisionModel().version(),
                live.scoringModel().name(), live.scoringModel().version(), why);
    }

    /** Features are kept as floats; four decimals are what an analyst reads, without float noise. */
    private static Map<String, Double> rounded(Map<String, Double> features) {
        Map<String, Double> out = new LinkedHashMap<>();
        features.forEach((k, v) -> out.put(k, Math.round(v * 10_000.0) / 10_000.0));
        return out;
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** What deciding an alert produced: a decision to send, or one held back because its block is in force. */
    public record Outcome(Decision decision, boolean emitted, String suppressedBy) {
        static Outcome emitted(Decision d) {
            return new Outcome(d, true, null);
        }

        static Outcome suppressed(Decision d, String activeDecisionId) {
            return new Outcome(d, false, activeDecisionId);
        }
    }
}
