package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refund needs a second supervisor: the supervisor who asked for it sees the approval refused on the case
 * page with the service's own reason, and a colleague approves it.
 */
class RefundFourEyesTest extends ConsoleTest {

    @Test
    void theRequestersApprovalIsRefusedWithTheServersReasonAndASecondSupervisorApproves() throws Exception {
        JsonNode fraud = openCase(c -> "SUBSCRIBER".equals(c.path("targetKind").asText())
                && !c.path("subscriber").isNull() && !"IRSF".equals(c.path("typology").asText()));
        String caseId = fraud.path("caseId").asText();

        browser.signIn("supervisor1");
        browser.go("#/cases/" + caseId);
        browser.click(By.id("claim-Triage"));
        browser.waitForText(By.cssSelector("[data-task='Triage']"), "Claimed by you");
        browser.click(By.cssSelector("label[for='Triage-outcome-CONFIRMED_FRAUD']"));
        browser.click(By.id("Triage-submit"));
        browser.type(By.id("CustomerContact-note"), "Customer confirms the line was taken over; asks for the charges back");
        browser.click(By.id("CustomerContact-submit"));
        browser.type(By.id("RefundReview-amount"), "25.50");
        browser.click(By.id("RefundReview-submit"));

        // The approval task is on the case, and the requester tries it: the service refuses, the page says why.
        browser.click(By.cssSelector("label[for='RefundApproval-approved-true']"));
        browser.click(By.id("RefundApproval-submit"));
        browser.waitForText(By.id("case-flash"), "refused");
        String refusal = browser.text(By.id("case-flash"));
        assertThat(refusal).contains("Decide refund refused").contains("four eyes").contains("supervisor1")
                .contains("another supervisor must");
        assertThat(browser.text(By.id("case-status"))).isEqualTo("Open");
        browser.check("refund-refused");
        browser.signOut();

        browser.signIn("supervisor2");
        browser.waitFor(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "']"));
        assertThat(browser.text(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "']"))).contains("Refund approval");
        browser.click(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "'] a"));
        browser.click(By.cssSelector("label[for='RefundApproval-approved-true']"));
        browser.type(By.id("RefundApproval-note"), "Evidence and contact notes support the refund");
        browser.click(By.id("RefundApproval-submit"));

        // Ordered, then applied by the demo's billing: the open page shows the case closing without a reload.
        browser.waitForText(By.id("case-status"), "Closed");
        assertThat(browser.text(By.id("actions"))).contains("Refund 25.50 requested by supervisor1, approved by supervisor2")
                .contains("Billing applied it (DEMO-CREDIT-").contains("recorded by billing");
        assertThat(browser.text(By.id("journal"))).contains("REFUND_ORDERED").contains("supervisor2").contains("REFUND_APPLIED");
        browser.check("refund-approved");
    }
}
