package io.ringfence.governance;

import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionAssets;
import io.ringfence.decision.DecisionModel;
import io.ringfence.detection.RuleSet;
import io.ringfence.reference.ReferenceDataRepository;
import io.ringfence.scoring.FraudModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Makes this instance run what {@code asset_live} says: at start (before the stream consumes) and
 * then every {@code ringfence.governance.sync}, so a change approved on one instance reaches all of
 * them. A version that no longer loads here (after an upgrade, say) is logged and reported by
 * {@code GET /api/v1/live}; the instance keeps what it runs rather than running nothing.
 */
@Component
public class LiveAssets {
    private static final Logger log = LoggerFactory.getLogger(LiveAssets.class);

    /** What this instance runs for one kind: the revision of {@code asset_live} and the version label. */
    public record InForce(long revision, UUID changeId, String version, String problem) {
    }

    private final ChangeStore store;
    private final AssetCompiler compiler;
    private final LiveRuleSet rules;
    private final DecisionAssets decisions;
    private final DecisionModel baseDecisionModel;
    private final FraudModel baseScoringModel;
    private final ReferenceDataRepository reference;
    private final CustomerSegments segments;
    private final CustomerSegments baseSegments;
    private final Map<AssetKind, InForce> inForce = new EnumMap<>(AssetKind.class);
    private final Map<AssetKind, Long> failedRevisions = new EnumMap<>(AssetKind.class);
    /** What runs in shadow per kind (rule sets, decision and scoring models); absent kinds have nothing in shadow. */
    private final Map<AssetKind, InForce> inShadow = new EnumMap<>(AssetKind.class);
    private final Map<AssetKind, Long> failedShadowRevisions = new EnumMap<>(AssetKind.class);

    LiveAssets(ChangeStore store, AssetCompiler compiler, LiveRuleSet rules, DecisionAssets decisions,
               ReferenceDataRepository reference, CustomerSegments segments) {
        this.segments = segments;
        this.baseSegments = segments.snapshot();
        this.store = store;
        this.reference = reference;
        this.compiler = compiler;
        this.rules = rules;
        this.decisions = decisions;
        this.baseDecisionModel = decisions.live().decisionModel();
        this.baseScoringModel = decisions.live().scoringModel();
        inForce.put(AssetKind.RULES, new InForce(0, null, rules.current().version(), null));
        inForce.put(AssetKind.DECISION_MODEL, new InForce(0, null, baseDecisionModel.version(), null));
        inForce.put(AssetKind.SCORING_MODEL, new InForce(0, null, baseScoringModel.version(), null));
        inForce.put(AssetKind.REFERENCE_DATA, new InForce(0, null, reference.base().version(), null));
        inForce.put(AssetKind.CUSTOMER_DATA, new InForce(0, null, baseSegments.version(), null));
        sync();
    }

    /**
     * Not synchronized: a version is compiled outside the lock, so an approval on this instance is not kept
     * waiting by it. A revision that failed to load is not tried again until {@code asset_live} moves on.
     */
    @Scheduled(fixedDelayString = "${ringfence.governance.sync:PT5S}", initialDelayString = "${ringfence.governance.sync:PT5S}")
    public void sync() {
        // Shadows first: a promotion empties the shadow and then changes the live model, and an instance that follows
        // it must not compare the promoted model with itself in between.
        for (ChangeStore.Live l : store.shadows()) {
            InForce now = inShadow().get(l.kind());
            if ((now == null || l.revision() > now.revision()) && !failedShadow(l)) {
                loadShadow(l);
            }
        }
        for (ChangeStore.Live l : store.live()) {
            InForce now = inForce().get(l.kind());
            if (now != null && l.revision() > now.revision() && !failed(l)) {
                load(l);
            }
        }
    }

    private synchronized boolean failedShadow(ChangeStore.Live l) {
        return failedShadowRevisions.getOrDefault(l.kind(), -1L) == l.revision();
    }

    private void loadShadow(ChangeStore.Live l) {
        AssetCompiler.Compiled compiled = null;
        if (l.changeId() != null) {
            try {
                AssetChange c = store.find(l.changeId()).orElseThrow(
                        () -> new IllegalStateException("asset_shadow names change " + l.changeId() + ", which is not stored"));
                compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
            } catch (RuntimeException e) {
                synchronized (this) {
                    InForce now = inShadow.get(l.kind());
                    if (now != null && now.revision() >= l.revision()) {
                        return; // a newer revision was put in place meanwhile
                    }
                    failedShadowRevisions.put(l.kind(), l.revision());
                    inShadow.put(l.kind(), new InForce(l.revision(), l.changeId(), null,
                            "does not load here, nothing runs in shadow: " + e.getMessage()));
                    switch (l.kind()) {
                        case SCORING_MODEL -> decisions.shadow((FraudModel) null);
                        case RULES -> rules.putShadow(null);
                        default -> decisions.shadow((DecisionModel) null);
                    }
                }
                log.error("{} in shadow (change {}) does not load here; nothing runs in shadow: {}", l.kind(), l.changeId(),
                        e.getMessage());
                return;
            }
        }
        putShadow(l.kind(), l.revision(), l.changeId(), compiled);
    }

    /**
     * Called after the commit that put {@code changeId} in shadow for the kind, or took it out (null); an older revision
     * never overwrites a newer one.
     */
    synchronized void putShadow(AssetKind kind, long revision, UUID changeId, AssetCompiler.Compiled compiled) {
        InForce now = inShadow.get(kind);
        if (now != null && revision <= now.revision()) {
            return;
        }
        switch (kind) {
            case DECISION_MODEL -> decisions.shadow(compiled == null ? null : (DecisionModel) compiled.value(), run(changeId));
            case SCORING_MODEL -> decisions.shadow(compiled == null ? null : (FraudModel) compiled.value(), run(changeId));
            case RULES -> rules.putShadow(compiled == null ? null
                    : new LiveRuleSet.Shadow((RuleSet) compiled.value(), "rules:" + changeId));
            default -> throw new IllegalArgumentException(kind.id() + " does not run in shadow");
        }
        inShadow.put(kind, new InForce(revision, changeId, compiled == null ? null : compiled.version(), null));
        log.info("{} in shadow on this instance: {} (revision {})", kind, compiled == null ? "none" : compiled.version(),
                revision);
    }

    private static String run(UUID changeId) {
        return changeId == null ? null : changeId.toString();
    }

    /** Per kind with a row in {@code asset_shadow}: what runs in shadow here (changeId null: nothing). */
    public synchronized Map<AssetKind, InForce> inShadow() {
        return new LinkedHashMap<>(inShadow);
    }

    private synchronized boolean failed(ChangeStore.Live l) {
        return failedRevisions.getOrDefault(l.kind(), -1L) == l.revision();
    }

    private void load(ChangeStore.Live l) {
        AssetCompiler.Compiled compiled;
        try {
            if (l.changeId() == null) {
                compiled = base(l.kind());
            } else {
                AssetChange c = store.find(l.changeId()).orElseThrow(
                        () -> new IllegalStateException("asset_live names change " + l.changeId() + ", which is not stored"));
                compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
            }
        } catch (RuntimeException e) {
            refused(l, e);
            return;
        }
        put(l.revision(), l.changeId(), compiled);
    }

    private synchronized void refused(ChangeStore.Live l, RuntimeException e) {
        String problem = "revision " + l.revision() + " (" + (l.changeId() == null ? "shipped" : "change " + l.changeId())
                + ") does not load here: " + e.getMessage();
        InForce was = inForce.get(l.kind());
        inForce.put(l.kind(), new InForce(was.revision(), was.changeId(), was.version(), problem));
        failedRevisions.put(l.kind(), l.revision());
        log.error("{} {}; this instance keeps running {}", l.kind(), problem, was.version());
    }

    /** What a rollback to "shipped" returns to: the versions this instance started with. */
    AssetCompiler.Compiled base(AssetKind kind) {
        return switch (kind) {
            case RULES -> new AssetCompiler.Compiled(kind, rules.base(), rules.base().version());
            case DECISION_MODEL -> new AssetCompiler.Compiled(kind, baseDecisionModel, baseDecisionModel.version());
            case SCORING_MODEL -> new AssetCompiler.Compiled(kind, baseScoringModel, baseScoringModel.version());
            case REFERENCE_DATA -> new AssetCompiler.Compiled(kind,
                    new ReferenceVersion(reference.base(), reference.baseFiles()), reference.base().version());
            case CUSTOMER_DATA -> new AssetCompiler.Compiled(kind, baseSegments, baseSegments.version());
            case HOT_LIST -> throw new IllegalArgumentException("hot lists are not deployed");
        };
    }

    /** The shipped (or configured) decision model's file as this instance started with it. */
    byte[] baseDecisionModelSource() {
        return baseDecisionModel.source();
    }

    /** Called after the commit that made {@code revision} live; an older revision never overwrites a newer one. */
    synchronized void put(long revision, UUID changeId, AssetCompiler.Compiled compiled) {
        InForce now = inForce.get(compiled.kind());
        if (now != null && revision <= now.revision()) {
            return;
        }
        switch (compiled.kind()) {
            case RULES -> rules.put((RuleSet) compiled.value());
            case DECISION_MODEL -> decisions.put((DecisionModel) compiled.value());
            case SCORING_MODEL -> decisions.put((FraudModel) compiled.value());
            case REFERENCE_DATA -> {
                ReferenceVersion v = (ReferenceVersion) compiled.value();
                reference.put(v.data(), v.files());
            }
            case CUSTOMER_DATA -> segments.replaceWith((CustomerSegments) compiled.value());
            case HOT_LIST -> throw new IllegalArgumentException("hot lists are not deployed");
        }
        inForce.put(compiled.kind(), new InForce(revision, changeId, compiled.version(), null));
        log.info("{} {} is live on this instance (revision {})", compiled.kind(), compiled.version(), revision);
    }

    public synchronized Map<AssetKind, InForce> inForce() {
        return new LinkedHashMap<>(inForce);
    }
}
