package io.ringfence.decision;

import io.ringfence.contract.Action;
import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.Decision;
import io.ringfence.contract.DispositionInput;
import io.ringfence.contract.Explanation;
import io.ringfence.contract.Target;
import io.ringfence.detection.Alert;
import io.ringfence.detection.Severity;
import io.ringfence.detection.Subject;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureTracker;
import io.ringfence.features.FeatureVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The score and decide stages: an alert, the subscriber's features, the scoring model and the
 * disposition model make a decision. One per pipeline, like the CEP session it follows (not
 * thread-safe); the {@link DecisionAssets} it reads are shared.
 *
 * <p>An alert is decided when it is raised, and again when a later match raises its severity (a
 * Wangiri number that subscribers start calling back is worse than one that only rang). A block that
 * is already in force on the same target is not sent again: if the new decision would hold it longer, it
 * is sent as an extension; if it wants a case where the first did not, a case is opened instead.
 */
public final class Decider {
    private static final long HOUR = 3_600_000L;
    private static final String EXPOSURE_FEATURE = "chargeAmount24h";
    /** Where an anomaly goes when a table would have blocked it and named no queue. */
    static final String ANOMALY_QUEUE = "model-anomalies";

    private final DecisionAssets assets;
    private final FeatureTracker features;
    private final CustomerSegments segments;
    private final String ruleSetVersion;
    private final Supplier<String> referenceVersion;
    private final BlockRegistry blocks;
    private final RepeatOffences repeats;
    private final Map<String, Severity> decidedAt = new HashMap<>();
    private final Map<String, Integer> decisionsPerAlert = new HashMap<>();
    /** The score each open alert was last decided with: what its published messages carry. */
    private final Map<String, Score> scores = new HashMap<>();

    public Decider(DecisionAssets assets, FeatureTracker features, CustomerSegments segments, String ruleSetVersion,
                   long repeatPeriodMillis) {
        this(assets, features, segments, ruleSetVersion, repeatPeriodMillis, BlockRegistry.inMemory());
    }

    /** @param blocks where blocks in force are kept: shared by every pipeline of a service */
    public Decider(DecisionAssets assets, FeatureTracker features, CustomerSegments segments, String ruleSetVersion,
                   long repeatPeriodMillis, BlockRegistry blocks) {
        this(assets, features, segments, ruleSetVersion, () -> null, repeatPeriodMillis, blocks);
    }

    /** @param referenceVersion the version of the reference lists in force, named in every explanation */
    public Decider(DecisionAssets assets, FeatureTracker features, CustomerSegments segments, String ruleSetVersion,
                   Supplier<String> referenceVersion, long repeatPeriodMillis, BlockRegistry blocks) {
        this.referenceVersion = referenceVersion;
        this.assets = assets;
        this.features = features;
        this.segments = segments;
        this.ruleSetVersion = ruleSetVersion;
        this.repeats = new RepeatOffences(repeatPeriodMillis);
        this.blocks = blocks;
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

    /**
     * The alert was decided before (state rebuilt from history): kept as {@link #raised} or {@link #updated}
     * would have kept it, without deciding. Only a later rise in severity decides again, and that decision
     * takes the next id, not one the switches already hold.
     *
     * @param raised true where the history raised the alert, false for a later match
     */
    public void remember(Alert alert, boolean raised) {
        Severity before = decidedAt.get(alert.getAlertId());
        if (raised || before == null || alert.getSeverity().compareTo(before) > 0) {
            decidedAt.put(alert.getAlertId(), alert.getSeverity());
            decisionsPerAlert.merge(alert.getAlertId(), 1, Integer::sum);
            rememberScore(alert);
        }
    }

    /** The score the decision gave the alert, so that the alert written when it closes carries it as before. */
    private void rememberScore(Alert alert) {
        DecisionAssets.Live live = assets.live();
        try {
            scores.put(alert.getAlertId(), new Score(live.scoringModel().score(
                    features.vector(alert.getSubscriber(), alert.getLastMatchAt())),
                    live.scoringModel().name(), live.scoringModel().version()));
        } catch (RuntimeException e) {
            scores.put(alert.getAlertId(), Score.NONE);
        }
    }

    /** The alert as published now, with the score it was last decided with (none before its first decision). */
    public AlertMessage message(Alert alert) {
        Score s = scores.getOrDefault(alert.getAlertId(), Score.NONE);
        return alert.message(s.value(), s.model(), s.modelVersion());
    }

    /** The alert's incident is over: forget what was kept to notice escalations. */
    public void closed(Alert alert) {
        decidedAt.remove(alert.getAlertId());
        decisionsPerAlert.remove(alert.getAlertId());
        scores.remove(alert.getAlertId());
    }

    private Outcome decide(Alert alert, long now) {
        DecisionAssets.Live live = assets.live();
        decidedAt.put(alert.getAlertId(), alert.getSeverity());
        FeatureVector vector = features.vector(alert.getSubscriber(), now);
        List<String> notes = new ArrayList<>();
        Double score = null;
        try {
            score = live.scoringModel().score(vector);
            scores.put(alert.getAlertId(), new Score(score, live.scoringModel().name(), live.scoringModel().version()));
        } catch (RuntimeException e) {
            scores.put(alert.getAlertId(), Score.NONE);
            notes.add("scoring failed, decided without a score: " + e.getMessage());
        }

        Subject subject = alert.getSubject();
        Target target = subject.target();
        CustomerSegments.Segment segment = segments.of(alert.getSubscriber());
        double exposure = FeatureSchema.indexOf(EXPOSURE_FEATURE) >= 0 ? vector.get(EXPOSURE_FEATURE) : 0;
        Object origin = alert.getFigures().get("origin");
        DispositionInput input = new DispositionInput(alert.getTypology().name(), alert.getRuleId(),
                alert.getSeverity().name(), score, target.kind().name(), segment.segment(), segment.monthlyValue(),
                repeats.count(subject, alert.getAlertId(), now), round2(exposure),
                origin == null ? "NONE" : String.valueOf(origin), segment.accountAgeDays(now), segment.enterprise());
        Disposition d;
        boolean championAnswered = true;
        try {
            d = live.decisionModel().decide(input);
        } catch (RuntimeException e) {
            championAnswered = false;
            // Never drop an alert because a table failed: a human gets it, with the engine's reason.
            d = new Disposition(Action.OPEN_CASE, true, 2, 0, "fraud-general", 120, List.of());
            notes.add("decision model failed, sent to a handler: " + e.getMessage());
        }
        if (alert.getTypology() == io.ringfence.detection.Typology.ANOMALY && d.action().isBlock()) {
            // The model's word alone never blocks a line: whatever a table says, a person decides.
            d = new Disposition(Action.OPEN_CASE, true, d.priority(), 0,
                    d.caseQueue() != null ? d.caseQueue() : ANOMALY_QUEUE, d.slaMinutes() != null ? d.slaMinutes() : 480,
                    d.rows());
            notes.add("an anomaly is never blocked automatically: the table's block became a case");
        }
        Explanation why = new Explanation(alert.getRuleId(), List.copyOf(alert.getRulesFired()),
                alert.getSeverity().name(), new LinkedHashMap<>(alert.getFigures()), ruleSetVersion, score,
                rounded(vector.asMap()), input, d.rows(), notes.isEmpty() ? null : String.join("; ", notes),
                referenceVersion.get(), segments.version());
        // A live table that failed gave no answer to compare with: the fallback is the service's, not the table's.
        ShadowVerdict shadow = championAnswered
                ? challenge(live, vector, input, score, d, alert.getTypology() == io.ringfence.detection.Typology.ANOMALY) : null;
        boolean scored = score != null;

        Action action = d.action();
        boolean openCase = d.openCase();
        Long expires = action.isBlock() ? now + d.blockHours() * HOUR : null;
        if (action.isBlock()) {
            BlockRegistry.Block active = blocks.active(action, target, now);
            if (active != null) {
                if (d.blockHours() * HOUR > active.durationMillis()) {
                    // A worse incident on a target already blocked: a longer block replaces it, not repeats it.
                    why = why.withNote(join(why.note(), "extends block " + active.decisionId()));
                    openCase = openCase && !active.caseOpened();
                } else if (openCase && !active.caseOpened()) {
                    blocks.put(action, target, new BlockRegistry.Block(active.decisionId(), active.setAtMillis(),
                            active.expiresAtMillis(), true), now);
                    why = why.withNote(join(why.note(), "block " + active.decisionId() + " already in force; this alert opens a case on it"));
                    return Outcome.emitted(decision(alert, now, live, scored, Action.OPEN_CASE, true, null, d, why))
                            .withShadow(shadow);
                } else {
                    return Outcome.suppressed(decision(alert, now, live, scored, action, openCase, expires, d,
                            why.withNote(join(why.note(), "block " + active.decisionId() + " already in force on this target"))),
                            active.decisionId()).withShadow(shadow);
                }
            }
        }
        Decision decision = decision(alert, now, live, scored, action, openCase, expires, d, why);
        if (action.isBlock()) {
            BlockRegistry.Block before = blocks.active(action, target, now);
            boolean caseOpened = openCase || (before != null && before.caseOpened());
            blocks.put(action, target, new BlockRegistry.Block(decision.decisionId(), now, expires, caseOpened), now);
            repeats.record(subject, alert.getAlertId(), now);
        }
        return Outcome.emitted(decision).withShadow(shadow);
    }

    /**
     * The challenger's answer on the same alert, features and inputs: its own score where a scoring model is in
     * shadow (the champion's otherwise), its own table where one is. A failure is its answer, never the champion's.
     */
    private ShadowVerdict challenge(DecisionAssets.Live live, FeatureVector vector, DispositionInput input, Double score,
                                    Disposition champion, boolean anomaly) {
        DecisionAssets.Challenger c = assets.challenger();
        if (!c.present()) {
            return null;
        }
        DecisionModel table = c.decisionModel() != null ? c.decisionModel() : live.decisionModel();
        io.ringfence.scoring.FraudModel model = c.scoringModel() != null ? c.scoringModel() : live.scoringModel();
        try {
            Double challengerScore = c.scoringModel() != null ? c.scoringModel().score(vector) : score;
            DispositionInput in = c.scoringModel() == null ? input : new DispositionInput(input.typology(), input.ruleId(),
                    input.severity(), challengerScore, input.subjectKind(), input.segment(), input.customerValue(),
                    input.repeatOffences(), input.exposure(), input.origin(), input.accountAgeDays(), input.enterprise());
            Disposition d = table.decide(in);
            if (anomaly && d.action().isBlock()) {
                // As for the live table: the model's word alone never blocks, so the challenger's would not either.
                d = new Disposition(Action.OPEN_CASE, true, d.priority(), 0,
                        d.caseQueue() != null ? d.caseQueue() : ANOMALY_QUEUE, d.slaMinutes() != null ? d.slaMinutes() : 480,
                        d.rows());
            }
            return new ShadowVerdict(table.version(), model.version(), challengerScore, d.action(), d.openCase(),
                    d.blockHours(), d.openCase() || d.action() == Action.OPEN_CASE ? d.caseQueue() : null,
                    champion.action(), champion.openCase(), champion.blockHours(), score, null, c.run());
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // Whatever the challenger does, the live decision stands: its failure is its answer.
            return new ShadowVerdict(table.version(), model.version(), null, null, false, 0, null, champion.action(),
                    champion.openCase(), champion.blockHours(), score, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    c.run());
        }
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    private Decision decision(Alert alert, long now, DecisionAssets.Live live, boolean scored, Action action,
                              boolean openCase, Long expires, Disposition d, Explanation why) {
        int n = decisionsPerAlert.merge(alert.getAlertId(), 1, Integer::sum);
        // Derived from the alert, so that replaying the same events gives the same decision ids.
        String id = UUID.nameUUIDFromBytes((alert.getAlertId() + "/decision/" + n).getBytes(StandardCharsets.UTF_8)).toString();
        boolean caseOpens = openCase || action == Action.OPEN_CASE;
        return new Decision(id, List.of(alert.getAlertId()), action, alert.getSubject().target(), alert.getTypology().name(),
                d.priority(), expires, null, caseOpens, caseOpens ? d.caseQueue() : null,
                caseOpens ? d.slaMinutes() : null, alert.getSubscriber(), now,
                live.decisionModel().name(), live.decisionModel().version(),
                scored ? live.scoringModel().name() : null, scored ? live.scoringModel().version() : null, why);
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

    /** A model's score with the model that gave it; {@link #NONE} when no model scored. */
    private record Score(Double value, String model, String modelVersion) {
        static final Score NONE = new Score(null, null, null);
    }

    /** What deciding an alert produced: a decision to send, or one held back because its block is in force. */
    public record Outcome(Decision decision, boolean emitted, String suppressedBy, ShadowVerdict shadow) {
        public Outcome(Decision decision, boolean emitted, String suppressedBy) {
            this(decision, emitted, suppressedBy, null);
        }

        static Outcome emitted(Decision d) {
            return new Outcome(d, true, null);
        }

        static Outcome suppressed(Decision d, String activeDecisionId) {
            return new Outcome(d, false, activeDecisionId);
        }

        /** With what the challenger would have decided (null: no model in shadow). */
        Outcome withShadow(ShadowVerdict verdict) {
            return verdict == null ? this : new Outcome(decision, emitted, suppressedBy, verdict);
        }
    }
}
