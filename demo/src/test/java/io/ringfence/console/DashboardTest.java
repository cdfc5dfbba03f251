package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor opens the dashboard over the demo's traffic: alerts, decisions by action and typology, the exposure the
 * blocks stopped, this instance's throughput and latency, the open cases by queue and the versions in force; a
 * shorter window redraws it. A switch's account has no dashboard.
 */
class DashboardTest extends ConsoleTest {

    @Test
    void aSupervisorReadsTheDashboardAndPicksAWindow() {
        awaitDecisions();
        browser.signIn("supervisor1");
        browser.go("#/dashboard");
        browser.select(By.id("dashboard-window"), "24 hours");
        browser.waitForText(By.id("dashboard-status"), "Updated");
        JsonNode d = get("supervisor1", "/api/v1/dashboard?window=PT24H");

        assertThat(number(By.cssSelector("#tile-alerts .tile-value"))).as("the demo's alerts").isPositive();
        assertThat(number(By.cssSelector("#tile-decisions .tile-value"))).isPositive()
                .isLessThanOrEqualTo(d.path("traffic").path("decisions").path("total").asLong());
        assertThat(browser.waitFor(By.cssSelector("#chart-actions svg")).getAttribute("aria-label"))
                .startsWith("Decisions by action: ").contains("BLOCK_");
        assertThat(browser.waitFor(By.cssSelector("#chart-alerts svg")).getAttribute("aria-label")).contains("IRSF");
        assertThat(browser.text(By.cssSelector("#tile-prevented .tile-note"))).contains("block");
        assertThat(browser.all(By.cssSelector("#chart-traffic polyline"))).hasSize(2);
        assertThat(browser.text(By.cssSelector("#tile-rate .tile-label"))).isEqualTo("Events per second");
        String rulesVersion = get("supervisor1", "/api/v1/live").path("rules").path("inForceVersion").asText();
        assertThat(browser.text(By.cssSelector("#dashboard-versions tr[data-kind='rules']"))).contains(rulesVersion);
        assertThat(browser.all(By.cssSelector("#dashboard-cases tr[data-queue]"))).as("the demo's open cases").isNotEmpty();
        browser.check("dashboard");

        browser.select(By.id("dashboard-window"), "15 minutes");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.attributeContains(
                By.cssSelector("#chart-traffic svg"), "aria-label", "15 steps"));
        assertThat(browser.waitFor(By.cssSelector("#chart-events svg")).getAttribute("aria-label")).contains("15 steps");
        browser.signOut();

        browser.signIn("switch1");
        browser.go("#/dashboard");
        browser.waitForText(By.tagName("h1"), "Not available");
    }

    private long number(By by) {
        return Long.parseLong(browser.text(by).replace(",", "").trim().toLowerCase(Locale.ROOT));
    }

    /** The demo's stream has decided something: the dashboard has traffic to show. */
    private void awaitDecisions() {
        long until = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < until) {
            if (get("supervisor1", "/api/v1/dashboard?window=PT24H").path("traffic").path("decisions").path("total").asLong() > 0) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no decision within 180 s");
    }
}
