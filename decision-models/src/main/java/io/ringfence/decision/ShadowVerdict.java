package io.ringfence.decision;

import io.ringfence.contract.Action;

/**
 * What the challenger (the models in shadow) would have decided for an alert the champion decided, beside the
 * champion's own table answer. Kept and counted, never sent: agreement is judged on the tables' answers (action and
 * whether a case opens), before the champion's answer meets the blocks already in force, which the challenger never
 * sets.
 *
 * @param decisionModel the version of the table that decided for the challenger (the champion's when only a scoring
 *                      model is in shadow)
 * @param scoringModel  the version of the model that scored for the challenger (the champion's when only a table is)
 * @param error         the challenger failed on this alert (its message); its other fields are then empty
 * @param run           the shadow run the answer belongs to ({@link DecisionAssets.Challenger#run()})
 */
public record ShadowVerdict(String decisionModel, String scoringModel, Double score, Action action, boolean openCase,
                            int blockHours, String caseQueue, Action championAction, boolean championOpenCase,
                            int championBlockHours, Double championScore, String error, String run) {

    public boolean agrees() {
        return error == null && action == championAction && openCase == championOpenCase;
    }
}
