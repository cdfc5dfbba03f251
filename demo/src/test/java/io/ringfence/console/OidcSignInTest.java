package io.ringfence.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in oidc mode signs in through the real Keycloak's login page (authorization code with PKCE,
 * the shipped realm's public client): an analyst lands on the analyst pages only, submits a hot-list change
 * the service accepts under their own name, keeps working after the console refreshed the access token, and
 * signs out of the realm; a case handler then signs in on the login page again and sees only the inbox. The
 * pages keep people out of what is not theirs, and the service refuses the calls on its own.
 *
 * <p>The whole service on its embedded servers, without the demo's simulated day (nothing here needs its
 * cases), in a JVM of its own (the {@code keycloak} group, demo/pom.xml).
 */
@Tag("keycloak")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "ringfence.demo.enabled=false",
        "ringfence.security.mode=oidc",
        // Replaced below once Keycloak runs: the start-up guard wants an issuer before test properties arrive.
        "ringfence.security.oidc.issuer-uri=http://keycloak.invalid/realms/ringfence"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {
    /** Known before the service starts: the realm must list the console's address as a redirect URI. */
    private static final int PORT = KeycloakRealm.freePort();
    private static final String CONSOLE = "http://localhost:" + PORT;
    private static KeycloakRealm keycloak;
    private static final String REFUSED = "403 your roles do not allow this";
    /** A destination the demo's network never calls. */
    private static final String NUMBER = "+25299900456";

    private Browser browser;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry properties) {
        keycloak = KeycloakRealm.start(CONSOLE);
        properties.add("server.port", () -> PORT);
        properties.add("ringfence.security.oidc.issuer-uri", keycloak::issuer);
    }

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(CONSOLE + "/");
    }

    @AfterAll
    void closeAll() {
        if (browser != null) {
            browser.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void eachRoleSignsInOnKeycloaksLoginPageAndSeesOnlyItsPages() throws Exception {
        browser.go("");
        // Straight to the realm's own login page, asking for a code with an S256 challenge.
        browser.waitFor(By.id("username"));
        String login = browser.driver().getCurrentUrl();
        assertThat(login).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?")
                .contains("client_id=ringfence-ui").contains("response_type=code").contains("code_challenge_method=S256")
                .contains("redirect_uri=" + java.net.URLEncoder.encode(CONSOLE + "/", java.nio.charset.StandardCharsets.UTF_8));
        browser.screenshot("oidc-keycloak-login");
        signInOnKeycloak("analyst1");

        // Back in the console, signed in, with the code gone from the address bar.
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
        assertThat(navigation()).containsExactly("Rules", "Decision tables", "Approvals", "Hot lists", "Reference lists", "Audit",
                "Dashboard");
        assertThat(browser.text(By.id("who"))).contains("analyst1 (fraud-analyst)");
        assertThat(script("return sessionStorage.getItem('ringfence.basic');")).isNull();

        // Not the handlers' inbox, on the page or at the service.
        browser.go("#/inbox");
        browser.waitForText(By.tagName("h1"), "Not available");
        assertThat(browser.text(By.id("main"))).contains("not for your roles (fraud-analyst)");
        assertThat(call("/api/v1/tasks?size=1")).isEqualTo(REFUSED);

        // An action of theirs works, under their own name: a hot-list import goes to the approval queue.
        Path csv = Files.createTempFile("deny-import", ".csv");
        Files.writeString(csv, "value,note\n" + NUMBER + ",\"test range, OIDC sign-in\"\n");
        browser.go("#/hotlists?list=deny&q=%2B252999");
        browser.waitForText(By.id("hotlist-entries"), "No entry starts with +252999");
        browser.waitFor(By.id("hotlist-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.type(By.id("hotlist-summary"), "Deny a test range, signed in through Keycloak");
        browser.click(By.id("hotlist-import-submit"));
        browser.waitForText(By.id("hotlist-flash"), "applies once another analyst approves it");
        assertThat(browser.text(By.id("hotlist-pending"))).contains("add by you").contains("Deny a test range, signed in through Keycloak");
        browser.check("oidc-analyst-hotlists");

        // The realm's access tokens live 20 s here: the console swaps in a new one before the old one lapses,
        // and the next call goes out with it.
        String first = accessToken();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> !first.equals(accessToken()));
        assertThat(call("/api/v1/me")).startsWith("200 ");
        browser.go("#/approvals");
        browser.waitFor(By.id("approvals-queue"));
        assertThat(browser.all(By.tagName("h1"))).extracting(e -> e.getText()).doesNotContain("Not available");

        // Signing out ends the realm's session too, and leaves no token in the tab.
        browser.click(By.id("sign-out"));
        browser.waitForText(By.id("login-status"), "You have signed out.");
        assertThat(browser.driver().getCurrentUrl()).startsWith(CONSOLE + "/");
        assertThat(script("return sessionStorage.getItem('ringfence.oidc.tokens');")).isNull();
        assertThat(browser.all(By.id("top")).get(0).isDisplayed()).isFalse();
        browser.check("oidc-signed-out");

        // The next person signs in on the login page again (no session left to pass it unasked).
        browser.click(By.id("login-provider"));
        browser.waitFor(By.id("username"));
        signInOnKeycloak("handler1");
        assertThat(navigation()).containsExactly("Inbox", "Dashboard");
        // The service answered the handler's task list (no traffic runs here, so it is empty).
        browser.waitForText(By.id("inbox-table"), "No open tasks for you");
        assertThat(browser.text(By.id("who"))).contains("handler1 (case-handler)");
        browser.check("oidc-handler-inbox");
        for (String page : new String[] {"#/rules", "#/hotlists", "#/audit"}) {
            browser.go(page);
            browser.waitForText(By.tagName("h1"), "Not available");
            assertThat(browser.text(By.id("main"))).contains("not for your roles (case-handler)");
        }
        assertThat(call("/api/v1/hotlists/deny")).isEqualTo(REFUSED);
        assertThat(call("/api/v1/audit/decisions?size=1")).isEqualTo(REFUSED);
        assertThat(call("/api/v1/tasks?size=1")).startsWith("200 ");
    }

    private void signInOnKeycloak(String user) {
        browser.type(By.id("username"), user);
        browser.type(By.id("password"), "ringfence-demo");
        browser.click(By.id("kc-login"));
        browser.waitForText(By.id("who"), user);
    }

    private java.util.List<String> navigation() {
        return browser.all(By.cssSelector("#nav a")).stream().map(e -> e.getText()).toList();
    }

    private Object script(String js) {
        return ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    private String accessToken() {
        return String.valueOf(script("return JSON.parse(sessionStorage.getItem('ringfence.oidc.tokens') || '{}').access;"));
    }

    /** A call with the token the console holds: "status detail" (or "status" and the start of the body). */
    private String call(String path) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const t = JSON.parse(sessionStorage.getItem('ringfence.oidc.tokens') || '{}').access;"
                        + "fetch(arguments[0], {headers: {Authorization: 'Bearer ' + t, 'X-Requested-With': 'XMLHttpRequest'}})"
                        + ".then(r => r.json().then(p => done(r.status + ' ' + (p.detail || JSON.stringify(p).slice(0, 80)))));",
                path));
    }
}
