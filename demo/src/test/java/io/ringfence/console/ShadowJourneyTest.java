package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Champion/challenger at the desk. An analyst has submitted a table to run in shadow (the editor's "Runs: in shadow"
 * sends the same request; the editor's own journey is DecisionTableJourneyTest's). A second analyst reads on Approvals
 * that it would decide nothing, and approves it; the stream decides an alert, and the Decision tables page shows the
 * table in shadow and how its answers compare with the live ones. The first analyst submits its promotion from that
 * page; the second reads the comparison beside the promotion on Approvals and approves it; the table is live.
 */
class ShadowJourneyTest extends ConsoleTest {
    private static final String VERSION = "2026.12.7-shadow";
    private String shadowChange;
    private boolean promoted;

    @Test
    void aTableRunsInShadowBesideTheLiveOneAndIsPromotedFromTheConsole() throws Exception {
        String live = http.withBasicAuth("analyst1", "ringfence-demo").getForObject("/api/v1/live/decision-model/content",
                String.class);
        HttpHeaders xml = new HttpHeaders();
        xml.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<String> submitted = http.withBasicAuth("analyst1", "ringfence-demo").postForEntity(
                "/api/v1/changes/decision-model?version=" + VERSION + "&mode=shadow&summary=the%20same%20rows%2C%20relabelled",
                new HttpEntity<>(live, xml), String.class);
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        shadowChange = new com.fasterxml.jackson.databind.ObjectMapper().readTree(submitted.getBody()).path("changeId").asText();

        browser.signIn("analyst2");
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + shadowChange + "']");
        browser.waitForText(card, VERSION + ", in shadow");
        browser.waitForText(By.cssSelector("#approvals-queue [data-change-id='" + shadowChange + "'] .shadow-note"), "never sent");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + shadowChange + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "it runs in shadow, deciding nothing");
        assertThat(get("analyst2", "/api/v1/live").path("decision-model").path("changeId").asText())
                .as("in shadow, not live").isNotEqualTo(shadowChange);
        browser.signOut();

        // The subscriber DecisionTableJourneyTest uses (its partition's clock is at the demo's traffic), another GT.
        String decisionId = decideOnSignaling("+447700900977", "8613800138001");
        JsonNode decision = get("analyst1", "/api/v1/audit/decisions?decisionId=" + decisionId + "&size=1").path("items").get(0);
        assertThat(decision.path("decisionModelVersion").asText()).as("the live table decided").isNotEqualTo(VERSION);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get("analyst1", "/api/v1/shadow").path("totals").path("decisions").asLong() == 0) {
            assertThat(System.nanoTime()).as("the shadow answered the decision within 60 s").isLessThan(until);
            Thread.sleep(500);
        }

        browser.signIn("analyst1");
        browser.go("#/decisions");
        browser.waitForText(By.cssSelector("#shadow-challengers li[data-kind='decision-model']"), VERSION);
        browser.waitForText(By.id("shadow-totals"), "agreed on");
        assertThat(browser.text(By.id("shadow-totals"))).contains("Answered by table " + VERSION);
        assertThat(browser.all(By.cssSelector("#shadow-rules tbody tr"))).isNotEmpty();
        browser.check("decision-tables-shadow", "#dmn-editor");
        browser.click(By.id("shadow-promote-decision-model"));
        browser.waitForText(By.id("dmn-shadow-flash"), "waits for another analyst");
        browser.signOut();

        browser.signIn("analyst2");
        browser.go("#/approvals");
        JsonNode promotion = null;
        for (JsonNode c : get("analyst2", "/api/v1/changes?kind=decision-model&status=pending")) {
            if ("PROMOTE".equals(c.path("operation").asText())) {
                promotion = c;
            }
        }
        assertThat(promotion).as("the promotion the page submitted").isNotNull();
        String id = promotion.path("changeId").asText();
        By promotionCard = By.cssSelector("#approvals-queue [data-change-id='" + id + "']");
        browser.waitForText(promotionCard, "Promote decision model " + VERSION + " from shadow to live");
        browser.waitForText(promotionCard, "agreed on");
        browser.check("approvals-promotion", "#approvals-queue .diff-area");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + id + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "it is live");
        promoted = true;
        JsonNode now = get("analyst2", "/api/v1/live").path("decision-model");
        assertThat(now.path("inForceVersion").asText()).isEqualTo(VERSION);
        assertThat(now.path("how").asText()).isEqualTo("PROMOTED");
        assertThat(get("analyst2", "/api/v1/shadow").path("challengers")).isEmpty();
        browser.signOut();
    }

    /** The system is shared with the other journeys: nothing stays in shadow, and the shipped table is put back. */
    @AfterAll
    void putTheShippedTableBack() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        for (JsonNode c : get("analyst1", "/api/v1/changes?kind=decision-model&status=pending")) {
            if ("analyst1".equals(c.path("author").asText())) {
                http.withBasicAuth("analyst1", "ringfence-demo").postForEntity("/api/v1/changes/" + c.path("changeId").asText()
                        + "/withdraw", null, String.class);
            }
        }
        if (!get("analyst1", "/api/v1/shadow").path("challengers").isEmpty()) {
            ResponseEntity<String> end = http.withBasicAuth("analyst1", "ringfence-demo").postForEntity(
                    "/api/v1/changes/shadow/decision-model/end", new HttpEntity<>("{}", json), String.class);
            try {
                String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(end.getBody()).path("changeId").asText();
                http.withBasicAuth("analyst2", "ringfence-demo").postForEntity("/api/v1/changes/" + id + "/approve",
                        new HttpEntity<>("{}", json), String.class);
            } catch (Exception e) {
                throw new AssertionError(end.getBody(), e);
            }
        }
        if (promoted) {
            ResponseEntity<String> r = http.withBasicAuth("supervisor1", "ringfence-demo").postForEntity(
                    "/api/v1/live/decision-model/rollback",
                    new HttpEntity<>("{\"to\":\"shipped\",\"note\":\"console test done\"}", json), String.class);
            assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        }
    }
}
