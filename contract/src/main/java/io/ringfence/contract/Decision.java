package io.ringfence.contract;

import java.util.List;

/**
 * A decision as the contract's {@code fraud.decisions} carries it, with the explanation a compliance
 * officer needs to see why it was taken and by which versions.
 *
 * @param reason          the typology
 * @param expiresAtMillis when a block lifts by itself, or null for actions that do not block
 * @param caseId          set by case management when it opens the case; null until then
 * @param decidedAtMillis event time of the decision
 */
public record Decision(String decisionId, List<String> alertIds, Action action, Target target, String reason,
                       int priority, Long expiresAtMillis, String caseId, boolean openCase, String caseQueue,
                       Integer caseSlaMinutes, String subscriber, long decidedAtMillis,
                       String decisionModel, String decisionModelVersion, String model, String modelVersion,
                       Explanation explanation) {
    public Decision {
        alertIds = List.copyOf(alertIds);
    }
}
