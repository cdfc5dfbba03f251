package io.ringfence.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer reads the audit chain's state per day and verifies a day on demand; a case handler has no such
 * page.
 */
class AuditChainPageTest extends ConsoleTest {
    @Test
    void aComplianceOfficerVerifiesADayOfTheChainFromTheConsole() {
        browser.signIn("compliance1");
        browser.go("#/chain");
        WebElement first = browser.waitFor(By.cssSelector("#chain-days tr[data-day]"));
        String day = first.getAttribute("data-day");
        assertThat(first.getAttribute("data-state")).isIn("VERIFIED", "NOT_WATCHED");
        assertThat(browser.text(By.id("chain-days"))).doesNotContain("BROKEN");

        browser.click(By.cssSelector("#chain-days tr[data-day='" + day + "'] button.verify"));
        browser.waitForText(By.id("chain-flash"), "the chain is intact");
        assertThat(browser.text(By.id("chain-flash"))).startsWith(day + ": ");
        browser.waitForText(By.cssSelector("#chain-days tr[data-day='" + day + "'] td.result"), "intact");
        browser.check("audit-chain");
        browser.signOut();

        browser.signIn("handler1");
        browser.go("#/chain");
        browser.waitForText(By.tagName("h1"), "Not available");
    }
}
