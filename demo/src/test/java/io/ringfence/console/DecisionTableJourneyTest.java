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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst opens Decision tables, where Apache KIE's DMN editor (served by Ringfence) shows the live
 * disposition.dmn; she shortens the Wangiri number block of one row from a week to two days by typing in the
 * table's cell, saves, and follows the change to its page, where the backtest is offered. A model whose cell is
 * no FEEL is refused at save with the compiler's message in the page, and no change is made of it.
 */
class DecisionTableJourneyTest extends ConsoleTest {
    private static final String VERSION = "2026.12.5-dmn";
    /** The editor is an 11 MB script parsed twice (the page's and its iframe's) on a busy 2-core machine. */
    private static final Duration EDITOR_PATIENCE = Duration.ofSeconds(180);
    /** The row that blocks a foreign one-ring number after a HIGH Wangiri alert, and its outputs' column. */
    private static final String WANGIRI_ROW_NOTE = "Block the foreign one-ring number for a week";
    private static final String BLOCK_HOURS = "td[data-testid='kie-tools--bee--expression-column-14']";
    /** The row where rules and the model agree on a line of ordinary value, and its score column. */
    private static final String MODEL_AGREES_NOTE = "Rules and model agree on a line of ordinary value";
    private static final String SCORE = "td[data-testid='kie-tools--bee--expression-column-4']";
    private String changeId;

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
        browser.type(By.id("dmn-summary"), "Wangiri numbers: block for two days, not a week");
        browser.click(By.id("dmn-save"));
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

        browser.click(By.id("dmn-change-link"));
        browser.waitForText(By.id("change-title"), VERSION);
        browser.waitForText(By.cssSelector("#change-backtest .backtest"), "Backtest on stored history");
        browser.waitForText(By.cssSelector("#change .diff-area"), "Decision model " + liveVersion + " → " + VERSION);

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

    /** The system is shared with the other journeys: the change is withdrawn, so it never goes live. */
    @AfterAll
    void withdrawIfPending() {
        if (changeId != null && "PENDING".equals(get("analyst1", "/api/v1/changes/" + changeId).path("status").asText())) {
            http.withBasicAuth("analyst1", "ringfence-demo").postForEntity("/api/v1/changes/" + changeId + "/withdraw", null,
                    String.class);
        }
    }
}
