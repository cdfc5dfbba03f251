package io.ringfence.cases;

import io.ringfence.workflows.FraudCase;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records billing's answer on a case's refund, whoever brings it (billing's acknowledgement, or a supervisor who had
 * it another way): on the case ({@code refund_status}, shown and searchable) and in its journal and audit trail, as
 * {@code REFUND_APPLIED} or {@code REFUND_REFUSED_BY_BILLING}, with what differs from the order.
 */
@Component
class RefundAnswers {
    static final String APPLIED = "APPLIED";
    static final String REFUSED = "REFUSED";

    private final CaseStore store;
    private final CaseJournal journal;
    private final CaseProperties properties;

    RefundAnswers(CaseStore store, CaseJournal journal, CaseProperties properties) {
        this.store = store;
        this.journal = journal;
        this.properties = properties;
    }

    /**
     * @param reference billing's reference for the credit, or its reason for refusing
     * @param amount    what billing says it credited, null when it does not say
     * @param currency  the currency of that amount, null when it does not say
     * @param detail    what else to keep (billing's own fields); the differences are added to it
     */
    void record(FraudCase c, String actor, String taskId, String status, String reference, BigDecimal amount,
                String currency, Map<String, Object> detail) {
        Map<String, Object> d = new LinkedHashMap<>(detail);
        d.put("refundId", c.refundOrderId());
        d.put("status", status);
        boolean otherAmount = amount != null && c.refundAmount() != null && amount.compareTo(c.refundAmount()) != 0;
        boolean otherCurrency = currency != null && !currency.equals(properties.currency());
        if (otherAmount || otherCurrency) {
            // Billing's figure is kept as it came; the difference is for a supervisor to take up with billing.
            d.put("orderedAmount", c.refundAmount() == null ? null : c.refundAmount().toPlainString());
            d.put("orderedCurrency", properties.currency());
            d.put("amountDiffers", true);
        }
        store.refundAnswered(c.caseId(), status, reference, actor);
        journal.record(c, actor, APPLIED.equals(status) ? "REFUND_APPLIED" : "REFUND_REFUSED_BY_BILLING", taskId, d);
    }
}
