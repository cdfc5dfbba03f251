package io.ringfence.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role sees only its pages: a case handler has no audit page in the menu, and typing its address shows
 * that it is not theirs, while the service refuses the call on its own; compliance has no inbox; a switch's
 * account has no page at all. The analysts' pages (rules, approvals, hot lists) are theirs alone: a handler or a
 * switch typing their address is told so, and the service refuses their calls. A wrong password stays on the form.
 */
class RoleGuardTest extends ConsoleTest {

    @Test
    void eachRoleSeesOnlyItsPagesAndTheServiceRefusesTheRest() {
        browser.go("");
        browser.type(By.id("login-name"), "handler1");
        browser.type(By.id("login-password"), "not-the-password");
        browser.click(By.id("login-submit"));
        browser.waitForText(By.id("login-status"), "Wrong user name or password");
        assertThat(browser.all(By.id("top")).get(0).isDisplayed()).isFalse();

        browser.signIn("handler1");
        browser.waitFor(By.id("inbox-table"));
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText()).containsExactly("Inbox", "Dashboard");

        browser.go("#/audit");
        browser.waitForText(By.tagName("h1"), "Not available");
        assertThat(browser.text(By.id("main"))).contains("not for your roles (case-handler)");
        assertThat(browser.all(By.id("audit-search"))).isEmpty();
        browser.check("not-available");

        // The page only keeps people out of what the service would refuse anyway: the call itself is 403.
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/audit/decisions?size=1', {headers: {Authorization: sessionStorage.getItem('ringfence.basic'),"
                        + " 'X-Requested-With': 'XMLHttpRequest'}}).then(r => r.json().then(p => done(r.status + ' ' + p.detail)));");
        assertThat(String.valueOf(status)).isEqualTo("403 your roles do not allow this");

        // Nor are the analysts' pages a handler's: neither in the menu nor by address, and their calls are refused.
        for (String page : new String[] {"#/rules", "#/decisions", "#/approvals", "#/hotlists"}) {
            browser.go(page);
            browser.waitForText(By.tagName("h1"), "Not available");
            assertThat(browser.text(By.id("main"))).contains("not for your roles (case-handler)");
        }
        assertThat(browser.all(By.id("rules-text"))).isEmpty();
        assertThat(call("/api/v1/changes?status=pending")).isEqualTo("403 your roles do not allow this");
        assertThat(call("/api/v1/live/rules/files")).isEqualTo("403 your roles do not allow this");
        assertThat(call("/api/v1/live/decision-model/content")).isEqualTo("403 your roles do not allow this");
        browser.signOut();

        browser.signIn("compliance1");
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText()).doesNotContain("Inbox");
        browser.go("#/inbox");
        browser.waitForText(By.tagName("h1"), "Not available");
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText())
                .containsExactly("Audit", "Audit chain", "Privacy requests", "Dashboard");
        browser.go("#/approvals");
        browser.waitForText(By.tagName("h1"), "Not available");
        browser.signOut();

        // A switch's account has no console pages at all.
        browser.signIn("switch1");
        browser.waitForText(By.id("main"), "Your roles have no console pages");
        assertThat(browser.all(By.cssSelector("#nav a"))).isEmpty();
        browser.go("#/hotlists");
        browser.waitForText(By.tagName("h1"), "Not available");
        assertThat(browser.text(By.id("main"))).contains("not for your roles (switch-client)");
        assertThat(call("/api/v1/hotlists/deny")).isEqualTo("403 your roles do not allow this");
    }

    /** A call the page would make, with the signed-in person's credentials: "status detail". */
    private String call(String path) {
        return String.valueOf(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {headers: {Authorization: sessionStorage.getItem('ringfence.basic'),"
                        + " 'X-Requested-With': 'XMLHttpRequest'}}).then(r => r.json().then(p => done(r.status + ' ' + p.detail)));",
                path));
    }
}
