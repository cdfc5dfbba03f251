package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer finds a decision of the demo's traffic in the audit trail by its subscriber, opens its
 * explanation and the versions that made it, finds it again by its id, and exports the subscriber's entries
 * as CSV.
 */
class ComplianceJourneyTest extends ConsoleTest {

    @Test
    void complianceFindsADecisionReadsItsExplanationAndExportsCsv() throws Exception {
        JsonNode decision = firstBlock();
        String id = decision.path("decisionId").asText();
        String subscriber = decision.path("subscriber").asText();

        browser.signIn("compliance1");
        browser.waitFor(By.id("audit-search"));
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText())
                .containsExactly("Audit", "Audit chain", "Privacy requests", "Dashboard");

        browser.type(By.id("audit-subscriber"), subscriber);
        browser.type(By.id("audit-from"), "2026-03-02T99");
        browser.click(By.id("audit-search"));
        assertThat(browser.text(By.id("audit-errors"))).contains("From: a UTC day");
        browser.type(By.id("audit-from"), "");
        browser.click(By.id("audit-search"));
        browser.waitFor(By.cssSelector("#audit-results tr[data-decision-id='" + id + "']"));
        assertThat(browser.text(By.cssSelector("#audit-results tr[data-decision-id='" + id + "']")))
                .contains(decision.path("action").asText()).contains(subscriber).contains(decision.path("typology").asText());
        browser.check("audit");
        assertThat(browser.driver().getCurrentUrl()).as("the number stays out of the address and the history")
                .contains("#/audit").doesNotContain(subscriber.substring(1));

        browser.click(By.cssSelector("#audit-results tr[data-decision-id='" + id + "'] a"));
        assertThat(browser.text(By.id("decision-sentence"))).startsWith(decision.path("typology").asText() + " (rule ")
                .contains("block subscriber " + subscriber);
        String versions = browser.text(By.id("decision-versions"));
        assertThat(versions).contains(decision.path("ruleSetVersion").asText())
                .contains(decision.path("decisionModelVersion").asText())
                .contains(decision.path("modelVersion").asText())
                .contains(decision.path("hash").asText());
        browser.check("decision");

        // By the rule that raised its alert, as an analyst tuning that rule asks.
        String rule = decision.path("content").path("explanation").path("ruleId").asText();
        assertThat(rule).isNotBlank();
        browser.go("#/audit");
        browser.type(By.id("audit-subscriber"), subscriber);
        browser.type(By.id("audit-rule"), rule);
        browser.click(By.id("audit-search"));
        browser.waitFor(By.cssSelector("#audit-results tr[data-decision-id='" + id + "']"));
        browser.type(By.id("audit-rule"), rule + "-NONE");
        browser.click(By.id("audit-search"));
        browser.waitForText(By.id("audit-results"), "No entry matches");

        // By its id alone, as a colleague's note would give it.
        browser.go("#/audit");
        browser.type(By.id("audit-decisionId"), id);
        browser.select(By.id("audit-kind"), "Both");
        browser.click(By.id("audit-search"));
        browser.waitForText(By.id("audit-results"), "entries)");
        assertThat(browser.all(By.cssSelector("#audit-results tbody tr")))
                .isNotEmpty().allSatisfy(r -> assertThat(r.getAttribute("data-decision-id")).isEqualTo(id));

        browser.go("#/audit?subscriber=" + subscriber.replace("+", "%2B"));
        browser.waitFor(By.cssSelector("#audit-results tr[data-decision-id='" + id + "']"));
        assertThat(browser.driver().getCurrentUrl()).as("a link with the number: searched, then the address rewritten")
                .doesNotContain(subscriber.substring(1));
        browser.click(By.id("audit-csv"));
        browser.waitForText(By.id("audit-export"), "Exported");
        Path csv = browser.downloaded("ringfence-audit.csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("recorded_at,chain_day,chain_seq,kind,decision_id");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains(id));
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allSatisfy(l -> assertThat(l).contains(subscriber));
        assertThat(browser.text(By.id("audit-export"))).contains("Exported " + (lines.size() - 1) + " row");
    }

    /** The demo's first block of a subscriber in the audit trail, waiting for the stream to decide one. */
    private JsonNode firstBlock() throws InterruptedException {
        long until = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < until) {
            for (JsonNode e : get("compliance1", "/api/v1/audit/decisions?action=BLOCK_SUBSCRIBER&size=50").path("items")) {
                if (!e.path("subscriber").isNull() && e.path("emitted").asBoolean()) {
                    return e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no subscriber block in the audit trail within 180 s");
    }
}
