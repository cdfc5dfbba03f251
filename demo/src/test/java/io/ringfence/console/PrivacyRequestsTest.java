package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer answers a subscriber's subject-access request and then their erasure request from the
 * console: the export downloads and holds the subscriber's audit entries, erasure asks for a confirmation, then
 * says what it erased and what it kept and why, and both answers are in the audit trail.
 */
class PrivacyRequestsTest extends ConsoleTest {

    @Test
    void aComplianceOfficerExportsThenErasesASubscribersData() throws Exception {
        String subscriber = otherJourneysSubscriber();

        browser.signIn("compliance1");
        browser.waitFor(By.id("audit-search"));
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText()).contains("Privacy requests");
        browser.go("#/privacy");
        browser.click(By.id("privacy-export-button"));
        browser.waitForText(By.id("privacy-flash"), "Subscriber: the number");

        browser.type(By.id("privacy-subscriber"), subscriber);
        browser.click(By.id("privacy-export-button"));
        browser.waitForText(By.id("privacy-flash"), "Exported");
        Path file = browser.downloaded("ringfence-subject-access.json");
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.path("subject").asText()).isEqualTo(subscriber);
        assertThat(doc.path("exportedBy").asText()).isEqualTo("compliance1");
        assertThat(doc.path("decisions").size()).isPositive();
        assertThat(browser.text(By.cssSelector("#privacy-export tr[data-part='decisions']")))
                .endsWith(String.valueOf(doc.path("decisions").size()));
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(subscriber.substring(1));
        browser.check("privacy-export");

        browser.click(By.id("privacy-erase"));
        browser.waitForText(By.id("privacy-flash"), "Tick the confirmation first");
        browser.click(By.id("privacy-confirm"));
        browser.click(By.id("privacy-erase"));
        browser.waitForText(By.id("privacy-flash"), "Erased what the law lets go");
        assertThat(browser.text(By.id("privacy-kept"))).contains("audit trail entries").contains("legal obligation");
        assertThat(browser.all(By.cssSelector("#privacy-erased tr[data-part]"))).extracting(e -> e.getAttribute("data-part"))
                .contains("alerts", "casesPseudonymised", "backtestDifferencesPseudonymised");
        browser.check("privacy");

        JsonNode actions = get("compliance1", "/api/v1/audit/decisions?kind=ACTION&actor=compliance1&size=50").path("items");
        assertThat(actions.findValuesAsText("action")).contains("SUBJECT_ACCESS_EXPORT", "SUBJECT_ERASURE");
    }

    /**
     * A subscriber of a demo decision that no other journey works with: not the subscriber blocks the compliance
     * journey finds, not the IRSF cases the handler journeys work.
     */
    private String otherJourneysSubscriber() throws InterruptedException {
        long until = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < until) {
            for (JsonNode e : get("compliance1", "/api/v1/audit/decisions?size=200").path("items")) {
                if (!e.path("subscriber").isNull() && !e.path("subscriber").asText().isBlank()
                        && !"BLOCK_SUBSCRIBER".equals(e.path("action").asText()) && !"IRSF".equals(e.path("typology").asText())) {
                    return e.path("subscriber").asText();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no such subscriber in the audit trail within 180 s");
    }
}
