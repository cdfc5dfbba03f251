package io.ringfence.cases;

import io.ringfence.workflows.CaseActions;
import io.ringfence.workflows.RefundRoute;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fraud-case process's service tasks, run inside the transaction of the request that moved the
 * process on (a handler completing a task): their orders commit or roll back with it.
 */
@Component
class ProcessActions extends CaseActions {
    private final CaseStore store;
    private final CaseOrders orders;
    private final CaseJournal journal;
    private final CaseProperties properties;
    private final OpeningDecision opening;

    ProcessActions(CaseStore store, CaseOrders orders, CaseJournal journal, CaseProperties properties,
                   OpeningDecision opening) {
        this.store = store;
        this.orders = orders;
        this.journal = journal;
        this.properties = properties;
        this.opening = opening;
    }

    @Override
    public String block(String caseId) {
        FraudCase c = fraudCase(caseId);
        String actor = Actor.current();
        Instant now = journal.now();
        String decisionId = orders.block(c, opening.of(c), actor, now);
        store.set(c.caseId(), "block_decision_id", decisionId);
        journal.record(c, actor, "BLOCK_ORDERED", null, Map.of("decisionId", decisionId));
        return decisionId;
    }

    @Override
    public String clearFalsePositive(String caseId) {
        FraudCase c = fraudCase(caseId);
        String actor = Actor.current();
        List<String> lifted = orders.lift(c, opening.of(c), actor, journal.now());
        String summary = lifted.isEmpty() ? "none" : String.join(",", lifted);
        store.set(c.caseId(), "lifted", summary);
        journal.record(c, actor, lifted.isEmpty() ? "NOTHING_TO_LIFT" : "BLOCKS_LIFTED", null, Map.of("lifted", lifted));
        return summary;
    }

    @Override
    public String routeRefund(String caseId, Double amount) {
        FraudCase c = fraudCase(caseId);
        BigDecimal value = amount == null ? null : BigDecimal.valueOf(amount);
        RefundRoute route = RefundRoute.of(value, properties.refundFourEyesAbove());
        journal.record(c, Actor.current(), "REFUND_ROUTED", null, Map.of("route", route.name(),
                "amount", value == null ? "0" : value.toPlainString(),
                "fourEyesAbove", properties.refundFourEyesAbove().toPlainString()));
        return route.name();
    }

    @Override
    public String issueRefund(String caseId) {
        FraudCase c = fraudCase(caseId);
        if (c.refundOrderId() != null) {
            return c.refundOrderId();
        }
        String approver = c.refundApprovedBy() != null ? c.refundApprovedBy() : c.refundRequestedBy();
        String orderId = orders.refund(c, approver, journal.now());
        store.set(c.caseId(), "refund_order_id", orderId);
        journal.record(c, Actor.current(), "REFUND_ORDERED", null, Map.of("refundId", orderId,
                "amount", c.refundAmount().toPlainString(), "topic", properties.refundsTopic()));
        return orderId;
    }

    private FraudCase fraudCase(String caseId) {
        return store.find(UUID.fromString(caseId))
                .orElseThrow(() -> new IllegalStateException("the process refers to case " + caseId + ", which is not stored"));
    }
}
