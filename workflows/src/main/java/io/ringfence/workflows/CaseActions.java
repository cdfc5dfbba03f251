package io.ringfence.workflows;

/**
 * What the fraud-case process asks of the rest of Ringfence. The process only orchestrates: every
 * effect on switches, billing and training data goes through this contract, which the service
 * implements on the same paths its automatic decisions use.
 *
 * <p>A class rather than an interface because Kogito 10.1's generated service-task handlers also
 * have a no-argument constructor that instantiates it; in the service they are given the Spring bean
 * that subclasses it ({@code io.ringfence.cases.ProcessActions}). These bodies only run if that bean
 * is missing, and then refuse loudly rather than let a case move on without its effect.
 */
public class CaseActions {

    /** Orders the block the confirmed fraud calls for; idempotent, returns the decision id (or the one already in force). */
    public String block(String caseId) { throw unwired(); }

    /** Lifts any block Ringfence holds on the case's subject and labels the case a false positive; returns what was lifted. */
    public String clearFalsePositive(String caseId) { throw unwired(); }

    /** Which way a requested refund goes: {@link RefundRoute}'s name. */
    public String routeRefund(String caseId, Double amount) { throw unwired(); }

    /** Publishes the approved refund order for billing; idempotent per case. */
    public String issueRefund(String caseId) { throw unwired(); }

    private static UnsupportedOperationException unwired() {
        return new UnsupportedOperationException("no service implementation of CaseActions is wired in");
    }
}
