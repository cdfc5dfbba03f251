package io.ringfence.decision;

import io.ringfence.scoring.FraudModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The decision model and the scoring model in force, swapped as one without a restart. A new version
 * goes live only after it compiled (or loaded) and, for a decision model, answered every probe; the
 * versions it replaced stay for rollback. Every decision reads one {@link Live} and records its versions,
 * so a swap in the middle of a burst never mixes two versions in one decision.
 */
public final class DecisionAssets {
    /** The pair in force at one moment. */
    public record Live(DecisionModel decisionModel, FraudModel scoringModel) {
    }

    /**
     * The models in shadow (champion/challenger): each null when none of its kind is. A challenger sees every alert
     * the champion decides and its answer is kept beside the champion's, never sent.
     */
    public record Challenger(DecisionModel decisionModel, FraudModel scoringModel, String decisionModelRun,
                             String scoringModelRun) {
        public static final Challenger NONE = new Challenger(null, null, null, null);

        public boolean present() {
            return decisionModel != null || scoringModel != null;
        }

        /**
         * What the challenger's answers are kept under: the shadow runs (change ids) of its models, so that a new run
         * of the same version labels starts its own record, and a rule set's run in shadow never mixes with it.
         */
        public String run() {
            return "models:" + (decisionModel == null ? "-" : decisionModelRun) + "+"
                    + (scoringModel == null ? "-" : scoringModelRun);
        }
    }

    private static final int KEEP_FOR_ROLLBACK = 10;
    private final AtomicReference<Live> live;
    private final AtomicReference<Challenger> challenger = new AtomicReference<>(Challenger.NONE);
    private final Deque<DecisionModel> previousDecisionModels = new ArrayDeque<>();
    private final Deque<FraudModel> previousScoringModels = new ArrayDeque<>();

    public DecisionAssets(DecisionModel decisionModel, FraudModel scoringModel) {
        DecisionModelProbe.check(decisionModel);
        this.live = new AtomicReference<>(new Live(decisionModel, scoringModel));
    }

    /** The models shipped in the jars. */
    public static DecisionAssets shipped() {
        return new DecisionAssets(DecisionModel.shipped(), FraudModel.shipped());
    }

    /**
     * What {@link #deployDecisionModel} checks, without deploying: converts, compiles and probes an
     * uploaded model, so a change can be refused when submitted and put live later with {@link #put(DecisionModel)}.
     *
     * @throws DecisionModelException with the engine's messages
     */
    public static DecisionModel checked(byte[] dmn, String version) {
        DecisionModel model = DecisionModel.fromUpload(dmn, version);
        DecisionModelProbe.check(model);
        return model;
    }

    public Live live() {
        return live.get();
    }

    /**
     * Checks (converting the browser editor's DMN 1.6), compiles, probes and puts live a new decision model.
     *
     * @throws DecisionModelException with the engine's messages; the running version stays
     */
    public synchronized DecisionModel deployDecisionModel(byte[] dmn, String version) {
        DecisionModel next = DecisionModel.fromUpload(dmn, version);
        DecisionModelProbe.check(next);
        Live now = live.get();
        remember(previousDecisionModels, now.decisionModel());
        live.set(new Live(next, now.scoringModel()));
        return next;
    }

    /**
     * Loads and puts live a new scoring model.
     *
     * @throws io.ringfence.scoring.ModelLoadException with the engine's message; the running version stays
     */
    public synchronized FraudModel deployScoringModel(byte[] pmml) {
        FraudModel next = FraudModel.load(pmml);
        Live now = live.get();
        remember(previousScoringModels, now.scoringModel());
        live.set(new Live(now.decisionModel(), next));
        return next;
    }

    /**
     * Puts live a decision model compiled and probed elsewhere (an approved change, or the version a
     * rollback returns to), keeping the scoring model.
     */
    public synchronized void put(DecisionModel next) {
        Live now = live.get();
        if (now.decisionModel() != next) {
            remember(previousDecisionModels, now.decisionModel());
            live.set(new Live(next, now.scoringModel()));
        }
    }

    /** Puts live a scoring model loaded elsewhere, keeping the decision model. */
    public synchronized void put(FraudModel next) {
        Live now = live.get();
        if (now.scoringModel() != next) {
            remember(previousScoringModels, now.scoringModel());
            live.set(new Live(now.decisionModel(), next));
        }
    }

    public Challenger challenger() {
        return challenger.get();
    }

    /** Puts a decision model in shadow, or with null takes the one in shadow out. */
    public void shadow(DecisionModel model) {
        shadow(model, model == null ? null : model.version());
    }

    /** Puts a scoring model in shadow, or with null takes the one in shadow out. */
    public void shadow(FraudModel model) {
        shadow(model, model == null ? null : model.version());
    }

    /** @param run what identifies this shadow run (the change that put the model in shadow) */
    public synchronized void shadow(DecisionModel model, String run) {
        Challenger c = challenger.get();
        challenger.set(new Challenger(model, c.scoringModel(), run, c.scoringModelRun()));
    }

    /** @param run what identifies this shadow run (the change that put the model in shadow) */
    public synchronized void shadow(FraudModel model, String run) {
        Challenger c = challenger.get();
        challenger.set(new Challenger(c.decisionModel(), model, c.decisionModelRun(), run));
    }

    /** Back to the decision model before the current one. */
    public synchronized DecisionModel rollbackDecisionModel() {
        DecisionModel previous = previousDecisionModels.pollLast();
        if (previous == null) {
            throw new IllegalStateException("no earlier decision model to roll back to");
        }
        live.set(new Live(previous, live.get().scoringModel()));
        return previous;
    }

    /** Back to the scoring model before the current one. */
    public synchronized FraudModel rollbackScoringModel() {
        FraudModel previous = previousScoringModels.pollLast();
        if (previous == null) {
            throw new IllegalStateException("no earlier scoring model to roll back to");
        }
        live.set(new Live(live.get().decisionModel(), previous));
        return previous;
    }

    /** Versions kept for rollback, oldest first, then the live one. */
    public synchronized List<String> decisionModelVersions() {
        List<String> versions = new ArrayList<>();
        previousDecisionModels.forEach(m -> versions.add(m.version()));
        versions.add(live.get().decisionModel().version());
        return versions;
    }

    public synchronized List<String> scoringModelVersions() {
        List<String> versions = new ArrayList<>();
        previousScoringModels.forEach(m -> versions.add(m.version()));
        versions.add(live.get().scoringModel().version());
        return versions;
    }

    private static <T> void remember(Deque<T> history, T current) {
        history.addLast(current);
        while (history.size() > KEEP_FOR_ROLLBACK) {
            history.removeFirst();
        }
    }
}
