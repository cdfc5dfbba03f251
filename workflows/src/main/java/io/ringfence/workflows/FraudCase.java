package io.ringfence.workflows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case as Ringfence keeps it: what it is about, where it stands, and what was done.
 *
 * @param refundStatus      what billing did with the refund order: APPLIED, REFUSED, or null while it has not said
 * @param refundReference   billing's reference for the credit, or its reason for refusing
 * @param refundConfirmedBy who recorded billing's answer: billing itself, or the supervisor who had it another way
 */
public record FraudCase(UUID caseId, String decisionId, String processInstanceId, String status, String stage,
                        String outcome, String typology, String ruleId, String severity, int priority, String queue,
                        int slaMinutes, String targetKind, String targetValue, String subscriber, List<String> alertIds,
                        String openedBy, Instant openedAt, Instant closedAt, String handler, String blockDecisionId,
                        String lifted, BigDecimal refundAmount, String refundRequestedBy, String refundApprovedBy,
                        String refundOrderId, String refundStatus, String refundReference, String refundConfirmedBy) {
    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    /** Who the journal names for what the service did on its own (opened a case from a decision, escalated). */
    public static final String SERVICE = "ringfence";

    /** The decision id its audit entries hang on: the decision that opened it, or the case itself when opened by hand. */
    public String auditDecisionId() {
        return decisionId != null ? decisionId : "case-" + caseId;
    }
}
