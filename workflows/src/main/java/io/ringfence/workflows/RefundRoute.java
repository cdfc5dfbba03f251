package io.ringfence.workflows;

import java.math.BigDecimal;

/** Where a refund request goes: nothing to pay, paid on the handler's word, or a supervisor's second approval. */
public enum RefundRoute {
    NONE, AUTO, APPROVAL;

    /**
     * Four eyes above the threshold: a refund strictly above it needs a supervisor other than the
     * requester; at or below it the handler's review suffices.
     */
    public static RefundRoute of(BigDecimal amount, BigDecimal fourEyesAbove) {
        if (amount == null || amount.signum() <= 0) {
            return NONE;
        }
        return amount.compareTo(fourEyesAbove) > 0 ? APPROVAL : AUTO;
    }
}
