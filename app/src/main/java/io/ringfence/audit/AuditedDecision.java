package io.ringfence.audit;

import io.ringfence.contract.Decision;
import io.ringfence.contract.DecisionJson;

import java.util.List;

/**
 * A decision as the audit keeps it.
 *
 * @param json         the decision JSON (with its explanation), as published
 * @param emitted      sent to the switches, or held back (a block on the target already in force)
 * @param suppressedBy when held back, the decision id of the block in force; else null
 * @param eventIds     the events that led to it (the alert's evidence)
 */
public record AuditedDecision(Decision decision, String json, boolean emitted, String suppressedBy,
                              List<String> eventIds) {
    public AuditedDecision {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }

    /** With the decision's contract JSON written by {@link DecisionJson}. */
    public static AuditedDecision of(Decision decision, boolean emitted, String suppressedBy, List<String> eventIds) {
        return new AuditedDecision(decision, DecisionJson.json(decision), emitted, suppressedBy, eventIds);
    }
}
