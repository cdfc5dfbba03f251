package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A case handler works an IRSF case the demo's traffic opened, from the inbox to closed: sign in, find it
 * in the inbox by typology, read the decision in plain words, claim, give a verdict, record the customer
 * contact (a form that refuses to go out empty), record no refund, and see the case closed with every step
 * in its journal.
 */
class HandlerJourneyTest extends ConsoleTest {

    @Test
    void aHandlerWorksAnIrsfCaseFromTheInboxToClosed() throws Exception {
        JsonNode irsf = openCase(c -> "IRSF".equals(c.path("typology").asText()));
        String caseId = irsf.path("caseId").asText();

        browser.go("");
        browser.waitFor(By.id("login-name"));
        browser.check("sign-in");
        browser.signIn("handler1");

        // The inbox, narrowed to IRSF: the case's triage is there, unclaimed, with its queue and deadline.
        browser.waitFor(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "']"));
        browser.select(By.id("filter-typology"), "IRSF");
        String row = browser.text(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "']"));
        assertThat(row).contains("Triage").contains("IRSF").contains(irsf.path("queue").asText()).contains("unclaimed");
        assertThat(browser.all(By.cssSelector("#inbox-table tbody tr")))
                .allSatisfy(r -> assertThat(r.getText()).contains("IRSF"));
        browser.check("inbox");

        browser.click(By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "'] a"));
        String sentence = browser.text(By.id("decision-sentence"));
        assertThat(sentence).startsWith("IRSF (rule IRSF-").contains("score 0.").contains("Disposition row")
                .contains("block subscriber " + irsf.path("subscriber").asText());
        assertThat(browser.text(By.id("alerts"))).contains("high cost calls");
        assertThat(browser.text(By.id("timeline"))).contains("evidence").contains("VOICE");
        assertThat(browser.text(By.id("journal"))).contains("CASE_OPENED");
        browser.check("case");

        browser.click(By.id("claim-Triage"));
        browser.waitForText(By.cssSelector("[data-task='Triage']"), "Claimed by you");
        browser.click(By.cssSelector("label[for='Triage-outcome-CONFIRMED_FRAUD']"));
        browser.type(By.id("Triage-note"), "38 calls to +882 ranges in 25 minutes: not this customer's pattern");
        browser.click(By.id("Triage-submit"));

        // Customer contact: the form says what is missing before anything is sent.
        browser.click(By.id("CustomerContact-submit"));
        assertThat(browser.text(By.id("CustomerContact-errors"))).contains("Describe the contact with the customer");
        browser.type(By.id("CustomerContact-note"), "Called the customer: phone stolen yesterday, calls not theirs");
        browser.click(By.id("CustomerContact-submit"));

        browser.type(By.id("RefundReview-amount"), "12.345");
        browser.click(By.id("RefundReview-submit"));
        assertThat(browser.text(By.id("RefundReview-errors"))).contains("at most 2 decimals");
        browser.type(By.id("RefundReview-amount"), "0");
        browser.click(By.id("RefundReview-submit"));

        browser.waitForText(By.id("case-status"), "Closed");
        assertThat(browser.text(By.id("actions"))).contains("confirmed fraud");
        String journal = browser.text(By.id("journal"));
        assertThat(journal).contains("handler1").contains("TASK_COMPLETED").contains("CASE_CLOSED");
        browser.check("case-closed");

        JsonNode stored = get("handler1", "/api/v1/cases/" + caseId).path("fraudCase");
        assertThat(stored.path("status").asText()).isEqualTo("CLOSED");
        assertThat(stored.path("outcome").asText()).isEqualTo("CONFIRMED_FRAUD");
    }
}
