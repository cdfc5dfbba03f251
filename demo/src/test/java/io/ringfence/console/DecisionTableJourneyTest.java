package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst opens Decision tables, where Apache KIE's DMN editor (served by Ringfence) shows the live
 * disposition.dmn; she shortens the Wangiri number block of one row from a week (168 hours) to two days by typing
 * in the table's cell, and saves. The gate refuses it by the two live scenarios that expect a week, with what each
 * expected and what the draft decides; she ticks both (the table means it) and saves again, restating them. She
 * follows the change to its page, which shows the restated scenarios, and backtests it on the stored day: only
 * Wangiri decisions change. A model whose cell is no FEEL is refused at save with the compiler's message in the
 * page, and no change is made of it. A second analyst approves the change on the Approvals page, the next decision
 * the stream makes carries the new table's version, a compliance officer finds that decision and exports it, and the
 * live scenarios are the restated ones.
 */
class DecisionTableJourneyTest extends ConsoleTest {
    private static final String VERSION = "2026.12.5-dmn";
    /** The editor is an 11 MB script parsed twice (the page's and its iframe's) on a busy 2-core machine. */
    private static final Duration EDITOR_PATIENCE = Duration.ofSeconds(180);
    /** The row that blocks a foreign one-ring number after a HIGH Wangiri alert, and its outputs' column. */
    private static final String WANGIRI_ROW_NOTE = "Block the foreign one-ring number for a week";
    private static final String BLOCK_HOURS = "td[data-testid='kie-tools--bee--expression-column-16']";
    /** The row where rules and the model agree on a line of ordinary value, and its score column. */
    private static final String MODEL_AGREES_NOTE = "Rules and model agree on a line of ordinary value";
    private static final String SCORE = "td[data-testid='kie-tools--bee--expression-column-4']";
    /** The live scenarios that expect a week of that row. */
    private static final String ONE_RING = "wangiri one-ring blocks the number without a case";
    private static final String VIP = "a VIP segment does not shield a number";
    private static final String FROM = "2026-03-02 00:00";
    private static final String TO = "2026-03-03 00:00";
    private static final Duration RUN_PATIENCE = Duration.ofSeconds(240);
    private String changeId;
    private boolean approved;

    @Test
    void anAnalystChangesOneCellOfTheDispositionTableAndSavesItAsAChangeAndAMalformedSaveIsRefused() {
        browser.signIn("analyst1");
        browser.go("#/decisions");
        browser.waitForText(By.cssSelector("#dmn-model-list tr[data-file='disposition.dmn']"), "Disposition");
        String liveVersion = get("analyst1", "/api/v1/live").path("decision-model").path("inForceVersion").asText();
        assertThat(browser.text(By.cssSelector("#dmn-model-list .dmn-version"))).isEqualTo(liveVersion);
        openDispositionTable();

        WebElement hours = cell(WANGIRI_ROW_NOTE, BLOCK_HOURS);
        assertThat(rawValue(hours)).isEqualTo("168");
        typeInCell(hours, "48");
        assertThat(rawValue(cell(WANGIRI_ROW_NOTE, BLOCK_HOURS))).isEqualTo("48");
        browser.driver().switchTo().defaultContent();
        browser.waitForText(By.id("dmn-state"), "Edited");
        scrollTo(By.id("h-dmn-editor"));
        browser.check("decision-tables", "#dmn-editor");

        browser.type(By.id("dmn-version"), VERSION);
        browser.type(By.id("dmn-summary"), "Wangiri numbers blocked for two days, as the partner operators do");
        int pendingBefore = get("analyst1", "/api/v1/changes?kind=decision-model&status=pending").size();
        browser.click(By.id("dmn-save"));
        browser.waitForText(By.id("dmn-problems"), "breaks scenarios");
        By restateRows = By.cssSelector("#dmn-restate tbody tr[data-scenario]");
        assertThat(browser.all(restateRows)).extracting(r -> r.getAttribute("data-scenario"))
                .containsExactly(ONE_RING, VIP);
        assertThat(browser.text(By.cssSelector("#dmn-restate tbody tr[data-scenario='" + ONE_RING + "']")))
                .contains("blockHours").contains("168").contains("48");
        browser.click(By.id("dmn-restate-save"));
        browser.waitForText(By.cssSelector("#dmn-restate [role='status']"), "Tick the scenarios");
        assertThat(get("analyst1", "/api/v1/changes?kind=decision-model&status=pending")).as("nothing submitted yet")
                .hasSize(pendingBefore);
        scrollTo(By.id("dmn-restate"));
        browser.check("decision-tables-restate", "#dmn-restate");
        for (WebElement box : browser.all(By.cssSelector("#dmn-restate input.restate"))) {
            box.click();
        }
        browser.click(By.id("dmn-restate-save"));
        browser.waitForText(By.id("dmn-problems"), "waits for another analyst");
        changeId = browser.waitFor(By.cssSelector("#dmn-pending tr[data-change-id]")).getAttribute("data-change-id");
        JsonNode change = get("analyst1", "/api/v1/changes/" + changeId);
        assertThat(change.path("kind").asText()).isEqualTo("decision-model");
        assertThat(change.path("version").asText()).isEqualTo(VERSION);
        assertThat(change.path("status").asText()).isEqualTo("PENDING");
        String saved = http.withBasicAuth("analyst1", "ringfence-demo")
                .getForObject("/api/v1/changes/" + changeId + "/content", String.class);
        assertThat(saved).as("the edited cell, as the editor wrote it")
                .containsPattern("id=\"disposition-wangiri-o4\">\\s*<dmn:text>48</dmn:text>");
        assertThat(change.path("scenarios").path("restated")).extracting(r -> r.path("scenario").asText())
                .containsExactly(ONE_RING, VIP);

        browser.click(By.id("dmn-change-link"));
        browser.waitForText(By.id("change-title"), VERSION);
        browser.waitForText(By.cssSelector("#change-backtest .backtest"), "Backtest on stored history");
        browser.waitForText(By.cssSelector("#change .diff-area"), "Decision model " + liveVersion + " → " + VERSION);
        browser.waitForText(By.cssSelector("#change .scenarios-restated"), "2 scenarios of the live table restated");
        assertThat(browser.text(By.cssSelector("#change .scenarios-restated tr[data-scenario='" + VIP + "']")))
                .contains("blockHours").contains("168").contains("48");

        // Backtested on the stored day: only Wangiri decisions differ.
        browser.type(By.id("bt-from-" + changeId), FROM);
        browser.type(By.id("bt-to-" + changeId), TO);
        browser.click(By.cssSelector("#change-backtest .bt-run"));
        new WebDriverWait(browser.driver(), RUN_PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#change-backtest .bt-status"), "Done"));
        String backtestId = browser.waitFor(By.cssSelector("#change-backtest .bt-state")).getAttribute("data-backtest-id");
        JsonNode backtest = get("analyst1", "/api/v1/backtests/" + backtestId);
        assertThat(backtest.path("eventsTotal").asLong()).as("the stored day holds events").isPositive();
        JsonNode all = backtest.path("summary").path("all");
        assertThat(all.path("decisions").path("changed").asLong()).as("decisions the shorter block changes").isPositive();
        for (String kind : new String[] {"added", "removed", "changed"}) {
            assertThat(all.path("alerts").path(kind).asLong()).as("alerts " + kind + ": the rules did not change").isZero();
        }
        java.util.List<String> typologies = new java.util.ArrayList<>();
        backtest.path("summary").path("byTypology").fieldNames().forEachRemaining(typologies::add);
        assertThat(typologies).as("the typologies whose outputs differ").containsExactly("WANGIRI");

        // A cell that is not FEEL: the gate's compiler names the rule, and nothing is submitted.
        int pending = get("analyst1", "/api/v1/changes?kind=decision-model&status=pending").size();
        browser.go("#/decisions");
        openDispositionTable();
        typeInCell(cell(MODEL_AGREES_NOTE, SCORE), ">= = 0.8 (");
        browser.driver().switchTo().defaultContent();
        browser.waitForText(By.id("dmn-state"), "Edited");
        browser.click(By.id("dmn-save"));
        browser.waitForText(By.id("dmn-problems"), "Save refused");
        String refusal = browser.text(By.id("dmn-problems"));
        assertThat(refusal).contains("Decision model refused").contains("disposition-model-agrees");
        assertThat(browser.all(By.cssSelector("#dmn-pending tr[data-change-id]"))).hasSize(1);
        assertThat(get("analyst1", "/api/v1/changes?kind=decision-model&status=pending")).hasSize(pending);
        scrollTo(By.id("h-dmn-editor"));
        browser.check("decision-tables-refused", "#dmn-editor");
        browser.signOut();

        // The second analyst approves it from the queue, reading the backtest beside it.
        browser.signIn("analyst2");
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "']");
        browser.waitForText(card, VERSION);
        assertThat(browser.text(card)).contains("Submitted by analyst1").contains("Wangiri numbers blocked for two days");
        assertThat(browser.text(card)).contains("2 scenarios of the live table restated");
        browser.type(By.id("note-" + changeId), "Two days, as agreed with the partner operators");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "approved and live");
        approved = true;
        assertThat(get("analyst1", "/api/v1/live").path("decision-model").path("inForceVersion").asText()).isEqualTo(VERSION);

        // The next decision the stream makes is the new table's.
        String decisionId = decideOnSignaling("+447700900977");
        JsonNode decision = get("analyst1", "/api/v1/audit/decisions?decisionId=" + decisionId + "&size=1").path("items").get(0);
        assertThat(decision.path("decisionModelVersion").asText()).isEqualTo(VERSION);
        browser.go("#/audit/decisions/" + decisionId);
        browser.waitForText(By.id("decision-versions"), VERSION);
        browser.signOut();

        // Compliance finds that decision by its id, reads the versions that made it, and exports it.
        browser.signIn("compliance1");
        browser.waitFor(By.id("audit-search"));
        browser.type(By.id("audit-decisionId"), decisionId);
        browser.click(By.id("audit-search"));
        By found = By.cssSelector("#audit-results tr[data-decision-id='" + decisionId + "']");
        browser.waitFor(found);
        browser.click(By.cssSelector("#audit-results tr[data-decision-id='" + decisionId + "'] a"));
        browser.waitForText(By.id("decision-versions"), VERSION);
        browser.go("#/audit");
        browser.type(By.id("audit-decisionId"), decisionId);
        browser.click(By.id("audit-search"));
        browser.waitFor(found);
        browser.click(By.id("audit-csv"));
        browser.waitForText(By.id("audit-export"), "Exported");
        java.util.List<String> rows;
        try {
            rows = java.nio.file.Files.readAllLines(browser.downloaded("ringfence-audit.csv"));
        } catch (Exception e) {
            throw new AssertionError("the export", e);
        }
        assertThat(rows.subList(1, rows.size())).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains(decisionId))
                .anySatisfy(l -> assertThat(l).contains(VERSION));
        String liveScenarios = http.withBasicAuth("analyst1", "ringfence-demo")
                .getForObject("/api/v1/live/decision-model/scenarios", String.class);
        assertThat(liveScenarios.lines().filter(l -> l.startsWith(ONE_RING + ","))).singleElement().asString().contains(",48,");
    }

    /** Waits for the editor to have read the file, then opens the Disposition decision's table from the diagram. */
    private void openDispositionTable() {
        new WebDriverWait(browser.driver(), EDITOR_PATIENCE).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#dmn-editor[data-ready='true'] iframe")));
        WebDriver driver = browser.driver();
        driver.switchTo().frame(driver.findElement(By.cssSelector("#dmn-editor iframe")));
        browser.click(By.cssSelector("[data-testid='rf__node-#decision-disposition']"));
        browser.click(By.cssSelector("[data-testid='rf__node-#decision-disposition'] .kie-dmn-editor--edit-expression-node-panel"));
        browser.waitFor(By.cssSelector("table tbody tr"));
    }

    /** The cell in the given column of the row whose annotation starts with {@code note} (scrolled out of sight or not). */
    private WebElement cell(String note, String column) {
        WebElement row = browser.all(By.cssSelector("table tbody tr")).stream()
                .filter(r -> r.getAttribute("textContent").contains(note)).findFirst()
                .orElseThrow(() -> new AssertionError("no row noted '" + note + "' in the table"));
        return row.findElement(By.cssSelector(column));
    }

    private static String rawValue(WebElement cell) {
        return cell.findElement(By.cssSelector(".editable-cell-raw-value")).getAttribute("textContent").trim();
    }

    /** As a person types in the table: select the cell, Enter to edit, replace its text, Tab to leave it. */
    private void typeInCell(WebElement cell, String text) {
        cell.click();
        new Actions(browser.driver()).sendKeys(Keys.ENTER)
                .keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL)
                .sendKeys(text).sendKeys(Keys.TAB).perform();
    }

    private void scrollTo(By by) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.waitFor(by));
    }

    /** The system is shared with the other journeys: the shipped table is put back, or the change withdrawn. */
    @AfterAll
    void putTheShippedTableBack() {
        if (changeId != null && "PENDING".equals(get("analyst1", "/api/v1/changes/" + changeId).path("status").asText())) {
            http.withBasicAuth("analyst1", "ringfence-demo").postForEntity("/api/v1/changes/" + changeId + "/withdraw", null,
                    String.class);
        }
        if (approved) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            var r = http.withBasicAuth("supervisor1", "ringfence-demo").postForEntity("/api/v1/live/decision-model/rollback",
                    new HttpEntity<>("{\"to\":\"shipped\",\"note\":\"console test done\"}", headers),
                    String.class);
            assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
        }
    }
}
