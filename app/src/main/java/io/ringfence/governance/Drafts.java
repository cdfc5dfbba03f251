package io.ringfence.governance;

import io.ringfence.decision.CustomerSegments;
import io.ringfence.decision.DecisionModel;
import io.ringfence.detection.RuleSet;
import io.ringfence.scoring.FraudModel;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * A submitted change as it would run, for trying it on history before it is approved. Compiled by the
 * same {@link AssetCompiler} as submission and approval, so a backtest runs exactly what would go live.
 */
@Component
public class Drafts {
    /**
     * One draft: the asset its change replaces, the others null (they stay the live ones).
     *
     * @param status where the change's review stands; a backtest of an approved change still answers "what did it change"
     */
    public record Draft(UUID changeId, AssetKind kind, String version, AssetChange.Status status, RuleSet rules,
                        DecisionModel decisionModel, FraudModel scoringModel, ReferenceVersion reference,
                        CustomerSegments customers) {
    }

    private final ChangeStore store;
    private final AssetCompiler compiler;

    Drafts(ChangeStore store, AssetCompiler compiler) {
        this.store = store;
        this.compiler = compiler;
    }

    /** @throws ChangeRejected 404 for an unknown change, 422 for a hot-list edit or content that no longer compiles */
    public Draft draft(UUID changeId) {
        // A draft is backtested by its author alone: to anyone else it does not exist.
        AssetChange c = store.find(changeId).filter(f -> f.visibleTo(viewer()))
                .orElseThrow(() -> new ChangeRejected(404, "Not found", "no change " + changeId));
        if (!c.kind().deployable()) {
            // Hot lists are read by the screening API, not by the pipeline a backtest replays.
            throw new ChangeRejected(422, "Nothing to backtest", "a hot-list edit changes what screening answers, not "
                    + "what the pipeline decides; a backtest replays the pipeline");
        }
        if (ShadowSteps.END.equals(c.operation())) {
            throw new ChangeRejected(422, "Nothing to backtest", "ending a shadow changes no live decision; the shadow's "
                    + "own record (GET /api/v1/shadow) is its comparison with the live model");
        }
        if (ShadowSteps.PROMOTE.equals(c.operation())) {
            // What a promotion puts live is the model in shadow: its backtest is that model's.
            UUID shadow = ShadowSteps.shadowChange(c);
            c = store.find(shadow).orElseThrow(() -> new ChangeRejected(404, "Not found", "no change " + shadow));
        }
        AssetCompiler.Compiled compiled = compiler.compile(c.kind(), c.target(), c.operation(), c.content(), c.version());
        return switch (c.kind()) {
            case RULES -> new Draft(changeId, c.kind(), compiled.version(), c.status(), (RuleSet) compiled.value(), null, null, null, null);
            case DECISION_MODEL -> new Draft(changeId, c.kind(), compiled.version(), c.status(), null,
                    (DecisionModel) compiled.value(), null, null, null);
            case SCORING_MODEL -> new Draft(changeId, c.kind(), compiled.version(), c.status(), null, null,
                    (FraudModel) compiled.value(), null, null);
            case REFERENCE_DATA -> new Draft(changeId, c.kind(), compiled.version(), c.status(), null, null, null,
                    (ReferenceVersion) compiled.value(), null);
            case CUSTOMER_DATA -> new Draft(changeId, c.kind(), compiled.version(), c.status(), null, null, null, null,
                    (CustomerSegments) compiled.value());
            case HOT_LIST -> throw new IllegalStateException("not deployable");
        };
    }

    /** Whether the signed-in person may see the change: anyone, unless it is someone else's draft. */
    public boolean visible(UUID changeId) {
        return store.find(changeId).map(c -> c.visibleTo(viewer()))
                .orElse(true);
    }

    private static String viewer() {
        org.springframework.security.core.Authentication a =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return a == null || !a.isAuthenticated() ? null : a.getName();
    }
}
