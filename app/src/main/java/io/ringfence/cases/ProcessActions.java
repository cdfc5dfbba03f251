package io.ringfence.cases;

import io.ringfence.workflows.CaseControls;
import io.ringfence.workflows.FraudCase;
import io.ringfence.workflows.CaseActions;
import io.ringfence.workflows.RefundRoute;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
        // The form allows 2 decimals; the process carries the amount as a double.
        BigDecimal value = amount == null ? BigDecimal.ZERO : BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
        RefundRoute route = RefundRoute.of(value, BigDecimal.ZERO);
        Map<String, Object> detail = new LinkedHashMap<>();
        if (route != RefundRoute.NONE) {
            // Who asked for it: the handler who completed the refund review in this same request.
            String requester = c.refundRequestedBy() != null ? c.refundRequestedBy() : Actor.current();
            Instant today = journal.now().truncatedTo(ChronoUnit.DAYS);
            CaseControls.Verdict alone = CaseControls.mayRefundAlone(value, properties.refundFourEyesAbove(),
                    properties.refundDailyLimitPerHandler(), store.refundedAloneSince(requester, today));
            route = alone.allowed() ? RefundRoute.AUTO : RefundRoute.APPROVAL;
            detail.put("rule", alone.rule().name());
            detail.put("reason", alone.reason());
        }
        detail.put("route", route.name());
        detail.put("amount", value.toPlainString());
        detail.put("fourEyesAbove", properties.refundFourEyesAbove().toPlainString());
        detail.put("dailyLimitPerHandler", properties.refundDailyLimitPerHandler().toPlainString());
        journal.record(c, Actor.current(), "REFUND_ROUTED", null, detail);
        return route.name();
    }

    @Override
    public String issueRefund(String caseId) {
        FraudCase c = fraudCase(caseId);
        if (c.refundOrderId() != null) {
            return c.refundOrderId();
        }
        if (!CaseControls.mayRefund(c.subscriber(), c.refundAmount()).allowed()) {
            // The refund review refuses this first; reaching here means a path around it.
            throw new IllegalStateException("case " + caseId + " names no subscriber to refund");
        }
        // Null when the requester's limits let it go without a second person: no one else approved it.
        String orderId = orders.refund(c, c.refundApprovedBy(), journal.now());
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
