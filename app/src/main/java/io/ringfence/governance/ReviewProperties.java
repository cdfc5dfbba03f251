package io.ringfence.governance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Set;

/**
 * How a change is reviewed ({@code ringfence.governance.review.*}).
 *
 * @param backtestRequiredFor the kinds whose change (to go live, or into shadow) cannot be approved before a backtest
 *                            of it on stored history has finished: the approver decides on what the change would
 *                            have done, not on its diff alone. Empty by default (the zero-setup run); the chart's
 *                            staging and prod values list RULES (rule parameters included), DECISION_MODEL,
 *                            SCORING_MODEL and REFERENCE_DATA.
 */
@ConfigurationProperties("ringfence.governance.review")
record ReviewProperties(@DefaultValue Set<AssetKind> backtestRequiredFor) {
    ReviewProperties {
        backtestRequiredFor = Set.copyOf(backtestRequiredFor);
        for (AssetKind k : backtestRequiredFor) {
            if (!k.deployable()) {
                throw new IllegalArgumentException("ringfence.governance.review.backtest-required-for: " + k
                        + " cannot be backtested (a hot-list edit changes what screening answers, not what the pipeline"
                        + " decides)");
            }
        }
    }

    boolean requiresBacktest(AssetChange c) {
        return backtestRequiredFor.contains(c.kind())
                && ("DEPLOY".equals(c.operation()) || ShadowSteps.SHADOW.equals(c.operation()));
    }
}
