package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst submits a rule change that silences the Wangiri rule, backtests it from the change's page (a queued
 * run cancelled first, then one on a file of events with an unreadable row, then one on the demo's stored day),
 * reads what the draft removes per typology and opens a difference; a second analyst sees the same result beside
 * the diff on the Approvals page.
 */
class BacktestJourneyTest extends ConsoleTest {
    private static final String VERSION = "2026.12.3-backtest";
    /** The demo's simulated day (SimulationConfig.DEFAULT_START), as the page takes it. */
    private static final String FROM = "2026-03-02 00:00";
    private static final String TO = "2026-03-03 00:00";
    private static final String RANGE_JSON = "{\"from\":\"2026-03-02T00:00:00Z\",\"to\":\"2026-03-03T00:00:00Z\"}";
    /** A backtest of the day runs for seconds to tens of seconds on a busy 2-core machine. */
    private static final Duration RUN_PATIENCE = Duration.ofSeconds(240);
    private String changeId;
    private long fileEvents;

    @Test
    void anAnalystBacktestsASubmittedRuleChangeCancelsARunAndTheApproverReadsTheResult() throws Exception {
        waitForStoredWangiriDecision();

        browser.signIn("analyst1");
        browser.go("#/rules");
        browser.click(By.cssSelector("#rules-files tr[data-file='wangiri.drl'] button"));
        browser.waitForText(By.id("h-editor"), "wangiri.drl");
        // The draft's effect: WANGIRI-001 needs more victims than the demo has subscribers, so it never fires.
        WebElement text = browser.waitFor(By.id("rules-text"));
        String before = text.getAttribute("value");
        assertThat(before).contains("$victims.size() >= ${wangiri.minDistinctSubscribers}");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[0].value.replace("
                + "'$victims.size() >= ${wangiri.minDistinctSubscribers}', '$victims.size() >= 100000');"
                + "arguments[0].dispatchEvent(new Event('input'));", text);
        browser.waitForText(By.id("rules-edited"), "wangiri.drl");
        browser.type(By.id("rules-version"), VERSION);
        browser.type(By.id("rules-summary"), "Silence WANGIRI-001: what would we miss?");
        browser.click(By.id("rules-draft")); // backtested privately before anyone reviews it
        browser.click(By.id("rules-submit"));
        browser.waitForText(By.id("rules-problems"), "private draft");
        By link = By.cssSelector("#rules-pending a.change-link");
        browser.waitForText(link, VERSION);
        changeId = browser.waitFor(By.cssSelector("#rules-pending tr[data-change-id]")).getAttribute("data-change-id");
        assertThat(browser.text(By.cssSelector("#rules-pending tr[data-change-id='" + changeId + "']"))).contains("Your draft");
        assertThat(status("analyst2", "/api/v1/changes/" + changeId)).as("nobody else sees a draft").isEqualTo(404);
        browser.click(link);
        browser.waitForText(By.id("change-title"), VERSION);
        browser.waitForText(By.id("change"), "Your private draft");
        browser.waitForText(By.cssSelector("#change .diff-area"), "changed: wangiri.drl");

        By panel = By.cssSelector("#change-backtest .backtest");
        browser.waitForText(panel, "Backtest on stored history");
        assertThat(browser.waitFor(By.id("bt-from-" + changeId)).getAttribute("value")).as("a default range").isNotBlank();
        assertThat(browser.all(By.cssSelector("#change-backtest .bt-state"))).as("no backtest yet").isEmpty();

        // Cancel: two runs asked through the API hold the instance's one backtest thread, so the page's run
        // is still queued when its Cancel is pressed.
        List<String> blockers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            blockers.add(startThroughApi(changeId));
        }
        browser.type(By.id("bt-from-" + changeId), FROM);
        browser.type(By.id("bt-to-" + changeId), TO);
        browser.click(By.cssSelector("#change-backtest .bt-run"));
        browser.waitFor(By.cssSelector("#change-backtest progress"));
        browser.click(By.cssSelector("#change-backtest .bt-cancel"));
        browser.waitForText(By.cssSelector("#change-backtest .bt-status"), "Cancelled");
        String cancelled = browser.waitFor(By.cssSelector("#change-backtest .bt-state")).getAttribute("data-backtest-id");
        assertThat(cancelled).isNotIn(blockers);
        assertThat(get("analyst1", "/api/v1/backtests/" + cancelled).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(browser.all(By.cssSelector("#change-backtest .bt-cancel"))).as("nothing left to cancel").isEmpty();
        blockers.forEach(this::cancelThroughApi);

        // On a file of events the analyst has (a switch's export): its unreadable row is listed, not run.
        Path file = eventsFile();
        browser.click(By.cssSelector("#change-backtest .bt-on-file"));
        browser.waitFor(By.id("bt-file-" + changeId)).sendKeys(file.toAbsolutePath().toString());
        browser.click(By.cssSelector("#change-backtest .bt-run"));
        browser.waitFor(By.cssSelector("#change-backtest .bt-state:not([data-backtest-id='" + cancelled + "'])"));
        new WebDriverWait(browser.driver(), RUN_PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#change-backtest .bt-status"), "Done"));
        String onFile = browser.waitFor(By.cssSelector("#change-backtest .bt-state")).getAttribute("data-backtest-id");
        JsonNode fileJob = get("analyst1", "/api/v1/backtests/" + onFile);
        assertThat(fileJob.path("input").path("name").asText()).isEqualTo(file.getFileName().toString());
        assertThat(fileJob.path("input").path("accepted").asLong()).isEqualTo(fileEvents);
        String accepted = String.format(java.util.Locale.UK, "%,d", fileEvents);
        assertThat(browser.text(By.cssSelector("#change-backtest .bt-status")))
                .contains("on the file " + file.getFileName() + ", " + accepted + " events");
        assertThat(browser.text(By.cssSelector("#change-backtest .bt-input-rejected")))
                .contains("1 of the file's " + String.format(java.util.Locale.UK, "%,d", fileEvents + 1) + " rows")
                .contains("not valid JSON");
        assertThat(browser.text(By.cssSelector("#change-backtest .bt-sentence"))).contains("Over " + accepted + " events of the file");
        scrollTo(By.cssSelector("#change-backtest .bt-status"));
        browser.check("backtest-file");

        // A run on the stored day to its end: progress, then the result per typology and the differences.
        browser.click(By.cssSelector("#change-backtest .bt-on-history"));
        browser.click(By.cssSelector("#change-backtest .bt-run"));
        browser.waitFor(By.cssSelector("#change-backtest .bt-state:not([data-backtest-id='" + cancelled + "'])"
                + ":not([data-backtest-id='" + onFile + "'])"));
        new WebDriverWait(browser.driver(), RUN_PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#change-backtest .bt-status"), "Done"));
        String backtestId = browser.waitFor(By.cssSelector("#change-backtest .bt-state")).getAttribute("data-backtest-id");
        JsonNode job = get("analyst1", "/api/v1/backtests/" + backtestId);
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        long events = job.path("eventsTotal").asLong();
        assertThat(events).as("the stored day holds events").isPositive();
        assertThat(browser.waitFor(By.cssSelector("#change-backtest progress")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.text(By.cssSelector("#change-backtest .bt-counts")))
                .contains(String.format(java.util.Locale.UK, "%,d of %,d events", events, events));

        JsonNode wangiri = job.path("summary").path("byTypology").path("WANGIRI");
        long removed = wangiri.path("alerts").path("removed").asLong();
        assertThat(removed).as("the draft removes the demo's Wangiri alerts").isPositive();
        By row = By.cssSelector("#change-backtest table[data-by='typology'] tr[data-typology='WANGIRI']");
        assertThat(browser.text(row)).startsWith("WANGIRI");
        assertThat(browser.text(By.cssSelector("#change-backtest table[data-by='typology'] tr[data-typology='WANGIRI'] .alerts-removed")))
                .isEqualTo(String.valueOf(removed));
        assertThat(browser.text(By.cssSelector("#change-backtest table[data-by='typology'] tr[data-typology='WANGIRI'] .alerts-added")))
                .isEqualTo("0");
        assertThat(browser.text(By.cssSelector("#change-backtest table[data-by='rule'] tr[data-rule='WANGIRI-001']"))).isNotBlank();
        long allRemoved = job.path("summary").path("all").path("alerts").path("removed").asLong();
        assertThat(browser.text(By.cssSelector("#change-backtest .bt-sentence")))
                .contains("alerts, removes " + String.format(java.util.Locale.UK, "%,d", allRemoved) + " and changes")
                .contains("Over " + String.format(java.util.Locale.UK, "%,d", events) + " stored events");

        browser.select(By.id("bt-typology-" + changeId), "WANGIRI");
        browser.select(By.id("bt-kind-" + changeId), "alerts");
        long wangiriAlerts = removed + wangiri.path("alerts").path("added").asLong() + wangiri.path("alerts").path("changed").asLong();
        browser.waitForText(By.cssSelector("#change-backtest .bt-differences caption"), wangiriAlerts + " difference");
        List<WebElement> rows = browser.all(By.cssSelector("#change-backtest tr.bt-diff"));
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.getText()).contains("Alert").contains("WANGIRI"))
                .anySatisfy(r -> assertThat(r.getText()).contains("Alert removed by the draft"));
        browser.click(By.cssSelector("#change-backtest tr.bt-diff.removed .bt-open"));
        WebElement detail = browser.waitFor(By.cssSelector("#change-backtest tr.bt-detail"));
        assertThat(detail.findElement(By.cssSelector(".bt-live")).getText()).contains("WANGIRI-00");
        assertThat(detail.findElement(By.cssSelector(".bt-draft")).getText()).isEqualTo("does not produce it");
        scrollTo(By.cssSelector("#change-backtest .bt-status"));
        browser.check("backtest");
        assertThat(status("analyst2", "/api/v1/backtests/" + backtestId)).as("nor its backtests").isEqualTo(404);
        // Satisfied with what it shows, the author submits it for review: it goes with its backtests.
        browser.click(By.id("change-submit"));
        browser.waitForText(By.id("change-done"), "Submitted for review");
        browser.waitForText(By.cssSelector("#change .change-status"), "pending");
        browser.signOut();

        // The approver reads the same backtest beside the diff, and turns the change down.
        browser.signIn("analyst2");
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "']");
        browser.waitForText(card, "changed: wangiri.drl");
        By cardPanel = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] .backtest");
        browser.waitForText(cardPanel, "Done");
        assertThat(browser.waitFor(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] .bt-state"))
                .getAttribute("data-backtest-id")).isEqualTo(backtestId);
        assertThat(browser.text(By.cssSelector("#approvals-queue [data-change-id='" + changeId
                + "'] table[data-by='typology'] tr[data-typology='WANGIRI'] .alerts-removed"))).isEqualTo(String.valueOf(removed));
        assertThat(browser.text(cardPanel)).contains("asked by analyst1");
        scrollTo(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] .bt-status"));
        browser.check("approvals-backtest");
        browser.type(By.id("note-" + changeId), "The backtest shows it would miss the Wangiri incident");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.reject"));
        browser.waitForText(By.id("approvals-flash"), "rejected");
    }

    /**
     * Six simulated hours of another population than the demo's, as a switch would export them, with a truncated
     * row as its second line.
     */
    private Path eventsFile() throws IOException {
        Path file = Files.createTempDirectory("ringfence-journey-").resolve("switch-export.jsonl");
        List<String> rows = new ArrayList<>();
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        for (TelecomEvent e : new TrafficSimulator(new SimulationConfig(23, 150, start, 24, 2, SimulationConfig.Family.TUNED))) {
            if (e.getTimestamp().isBefore(start.plus(Duration.ofHours(6)))) {
                rows.add(EventJson.toJson(e));
            }
        }
        fileEvents = rows.size();
        rows.add(1, rows.get(0).substring(0, rows.get(0).length() / 2));
        Files.write(file, rows);
        return file;
    }

    /** The photograph for docs/console.md shows the backtest, not the top of the page. */
    private void scrollTo(By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.waitFor(by));
    }

    /** The demo's day is fed and decided, Wangiri included, before the history is backtested. */
    private void waitForStoredWangiriDecision() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (get("analyst1", "/api/v1/audit/decisions?typology=WANGIRI&size=1").path("total").asLong() == 0) {
            assertThat(System.nanoTime()).as("a Wangiri decision within 180 s").isLessThan(until);
            Thread.sleep(500);
        }
    }

    private String startThroughApi(String changeId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> r = http.withBasicAuth("analyst1", "ringfence-demo").postForEntity(
                "/api/v1/changes/" + changeId + "/backtests", new HttpEntity<>(RANGE_JSON, headers), JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(202);
        return r.getBody().path("backtestId").asText();
    }

    /** A blocker may already have finished: 409 is fine, anything else is not. */
    private void cancelThroughApi(String backtestId) {
        ResponseEntity<String> r = http.withBasicAuth("analyst1", "ringfence-demo").exchange("/api/v1/backtests/" + backtestId,
                HttpMethod.DELETE, null, String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isIn(202, 409);
    }

    /** The system is shared with the other journeys: a change left pending by a failure is withdrawn. */
    @AfterAll
    void withdrawIfPending() {
        if (changeId != null && "PENDING".equals(get("analyst1", "/api/v1/changes/" + changeId).path("status").asText())) {
            http.withBasicAuth("analyst1", "ringfence-demo").postForEntity("/api/v1/changes/" + changeId + "/withdraw", null,
                    String.class);
        }
    }
}
