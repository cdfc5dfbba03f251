package io.ringfence.workflows;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class RefundRouteTest {
    private static final BigDecimal LIMIT = new BigDecimal("100.00");

    @Test
    void nothingOwedNeedsNoRefund() {
        assertThat(RefundRoute.of(null, LIMIT)).isEqualTo(RefundRoute.NONE);
        assertThat(RefundRoute.of(BigDecimal.ZERO, LIMIT)).isEqualTo(RefundRoute.NONE);
    }

    @Test
    void upToTheLimitTheHandlersReviewSuffices() {
        assertThat(RefundRoute.of(new BigDecimal("0.01"), LIMIT)).isEqualTo(RefundRoute.AUTO);
        assertThat(RefundRoute.of(new BigDecimal("100"), LIMIT)).isEqualTo(RefundRoute.AUTO);
    }

    @Test
    void aboveTheLimitASecondPersonApproves() {
        assertThat(RefundRoute.of(new BigDecimal("100.01"), LIMIT)).isEqualTo(RefundRoute.APPROVAL);
    }
}
