package io.ringfence.workflows;

/**
 * What the fraud-case process asks of the rest of Ringfence. The process only orchestrates: every
 * effect on switches, billing and training data goes through this contract, which the service
 * implements on the same paths its automatic decisions use.
 */
public class CaseActions {

    /** Orders the block the confirmed fraud calls for; idempotent, returns the decision id (or the one already in force). */
    public String block(String caseId) { throw new UnsupportedOperationException(); }

    /** Lifts any block Ringfence holds on the case's subject and labels the case a false positive; returns what was lifted. */
    public String clearFalsePositive(String caseId) { throw new UnsupportedOperationException(); }

    /** Which way a requested refund goes: {@link RefundRoute}'s name. */
    public String routeRefund(String caseId, Double amount) { throw new UnsupportedOperationException(); }

    /** Publishes the approved refund order for billing; idempotent per case. */
    public String issueRefund(String caseId) { throw new UnsupportedOperationException(); }
}
