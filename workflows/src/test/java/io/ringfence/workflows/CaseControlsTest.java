package io.ringfence.workflows;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Each control on its own, both ways: what it allows, what it refuses and how (403 or 409), and why. */
class CaseControlsTest {
    private static final BigDecimal ZERO = new BigDecimal("0.00");

    @Test
    void theOpenerOfAHandMadeCaseDoesNotWorkIt() {
        CaseControls.Verdict own = CaseControls.mayWork("handler1", "handler1", "Triage");
        assertThat(own.allowed()).isFalse();
        assertThat(own.refusal()).isEqualTo(CaseControls.Refusal.FORBIDDEN);
        assertThat(own.rule()).isEqualTo(CaseControls.Rule.SEGREGATION_OF_DUTIES);
        assertThat(CaseControls.mayWork("handler1", "handler2", "Triage").allowed()).isTrue();
        assertThat(CaseControls.mayWork(FraudCase.SERVICE, FraudCase.SERVICE, "Triage").allowed())
                .as("a case the service opened from a decision has no opener to keep out").isTrue();
    }

    @Test
    void aCaseOpenedByHandCitesEvidenceOrASupervisorOpensIt() {
        CaseControls.Evidence one = new CaseControls.Evidence(1, List.of(), List.of(), Set.of("+4477"));
        assertThat(CaseControls.mayOpenByHand("handler1", false, one).allowed()).isTrue();
        assertThat(CaseControls.mayOpenByHand("supervisor1", true, CaseControls.Evidence.NONE).allowed()).isTrue();
        CaseControls.Verdict bare = CaseControls.mayOpenByHand("handler1", false, CaseControls.Evidence.NONE);
        assertThat(bare.refusal()).isEqualTo(CaseControls.Refusal.FORBIDDEN);
    }

    @Test
    void theEvidenceIsAboutTheTargetAndNamesTheSubscriber() {
        CaseControls.Evidence one = new CaseControls.Evidence(1, List.of(), List.of(), Set.of("+4477"));
        assertThat(CaseControls.evidenceFits(one, null).allowed()).isTrue();
        assertThat(CaseControls.evidenceFits(one, "+4477").allowed()).isTrue();
        assertThat(CaseControls.evidenceFits(one, "+4478").refusal()).isEqualTo(CaseControls.Refusal.CONFLICT);
        assertThat(CaseControls.evidenceFits(new CaseControls.Evidence(1, List.of("a1"), List.of(), Set.of()), null)
                .refusal()).isEqualTo(CaseControls.Refusal.CONFLICT);
        assertThat(CaseControls.evidenceFits(new CaseControls.Evidence(1, List.of(), List.of("a1"), Set.of()), null)
                .allowed()).isFalse();
        assertThat(CaseControls.evidenceFits(new CaseControls.Evidence(2, List.of(), List.of(), Set.of("+4477", "+4478")),
                null).allowed()).as("one case, one subscriber to refund").isFalse();
        assertThat(CaseControls.evidenceFits(CaseControls.Evidence.NONE, "+4478").allowed())
                .as("a supervisor's case without evidence: the typed number is not kept as its subscriber").isTrue();
    }

    @Test
    void aRefundNeedsTheSubscriberTheEvidenceNames() {
        assertThat(CaseControls.mayRefund("+4477", new BigDecimal("10")).allowed()).isTrue();
        assertThat(CaseControls.mayRefund(null, BigDecimal.ZERO).allowed()).as("nothing to pay").isTrue();
        CaseControls.Verdict nobody = CaseControls.mayRefund(null, new BigDecimal("10"));
        assertThat(nobody.refusal()).isEqualTo(CaseControls.Refusal.CONFLICT);
        assertThat(nobody.rule()).isEqualTo(CaseControls.Rule.REFUND_TO_EVIDENCED_SUBSCRIBER);
    }

    @Test
    void everyRefundHasASecondPersonByDefault() {
        assertThat(CaseControls.mayRefundAlone(new BigDecimal("0.01"), ZERO, ZERO, ZERO).allowed()).isFalse();
    }

    @Test
    void aHandlersAllowanceIsPerRefundAndPerDay() {
        BigDecimal each = new BigDecimal("100.00");
        BigDecimal day = new BigDecimal("120.00");
        assertThat(CaseControls.mayRefundAlone(new BigDecimal("100.00"), each, day, ZERO).allowed()).isTrue();
        assertThat(CaseControls.mayRefundAlone(new BigDecimal("100.01"), each, day, ZERO).allowed()).isFalse();
        assertThat(CaseControls.mayRefundAlone(new BigDecimal("80.00"), each, day, new BigDecimal("40.00")).allowed())
                .as("exactly at the daily limit").isTrue();
        CaseControls.Verdict over = CaseControls.mayRefundAlone(new BigDecimal("80.01"), each, day, new BigDecimal("40.00"));
        assertThat(over.allowed()).isFalse();
        assertThat(over.reason()).contains("daily limit");
    }

    @Test
    void liftingABlockInForceNeedsASupervisor() {
        assertThat(CaseControls.mayLift(List.of(), "handler1", false).allowed()).isTrue();
        assertThat(CaseControls.mayLift(List.of("d1"), "supervisor1", true).allowed()).isTrue();
        CaseControls.Verdict handler = CaseControls.mayLift(List.of("d1"), "handler1", false);
        assertThat(handler.refusal()).isEqualTo(CaseControls.Refusal.FORBIDDEN);
        assertThat(handler.reason()).contains("d1");
    }
}
