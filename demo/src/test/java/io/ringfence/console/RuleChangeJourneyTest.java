package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst edits the live rule set in the console: a broken rule is refused with the compiler's message beside
 * the editor, a harmless one is submitted and waits; its author's own approval is refused by the service (four
 * eyes); a second analyst reads the diff and approves it, and the Rules page shows the new version live.
 */
class RuleChangeJourneyTest extends ConsoleTest {
    /** Matches only a call of this exact length to a number the demo never calls: it changes no decision. */
    private static final String HARMLESS_RULE = """

            rule "Console test: a call of the marked length to the watched number"
                @ruleId( "CONSOLE-TEST-001" ) @version( "1.0" ) @typology( "WANGIRI" ) @severity( "LOW" )
            when
                $c : VoiceEvent( bNumber == "+447700900998", durationSeconds == 4321 )
            then
                alerts.raise( drools, Subject.subscriber( $c.getSubscriber() ), $c.getSubscriber(), java.util.List.of( $c ), "durationSeconds", $c.getDurationSeconds() );
            end
            """;
    private static final String VERSION = "2026.12.2-console";
    private static final By RULE_COUNT = By.cssSelector("#rules-files tr[data-file='wangiri.drl'] td:nth-child(2)");

    @Test
    void aRuleChangeIsCompiledRefusedToItsAuthorApprovedByASecondAnalystAndGoesLive() {
        String shippedVersion = get("analyst1", "/api/v1/live").path("rules").path("inForceVersion").asText();

        browser.signIn("analyst1");
        assertThat(browser.all(By.cssSelector("#nav a"))).extracting(e -> e.getText())
                .containsExactly("Rules", "Decision tables", "Approvals", "Hot lists", "Reference lists", "Audit", "Dashboard");
        browser.waitForText(By.cssSelector("#live-versions tr[data-kind='rules']"), shippedVersion);
        assertThat(browser.text(By.cssSelector("#live-versions tr[data-kind='decision-model']")))
                .contains(get("analyst1", "/api/v1/live").path("decision-model").path("inForceVersion").asText());
        assertThat(browser.text(By.cssSelector("#rules-files tr[data-file='wangiri.drl']"))).contains("WANGIRI");
        assertThat(browser.text(RULE_COUNT)).as("wangiri.drl's rules, housekeeping left out").isEqualTo("2");
        // Hit counts beside the rules: the demo's Wangiri alerts of the last day of traffic.
        long wangiriHits = wangiriHits();
        browser.go("#/rules");
        browser.waitForText(By.cssSelector("#rules-files tr[data-file='wangiri.drl'] td.hits"), String.valueOf(wangiriHits));

        browser.click(By.cssSelector("#rules-files tr[data-file='wangiri.drl'] button"));
        browser.waitForText(By.id("h-editor"), "wangiri.drl");
        // Most of the highlighted copy is scrolled out of sight, where getText() sees nothing: read its text instead.
        assertThat(browser.all(By.cssSelector("#editor-card .t-annotation"))).extracting(e -> e.getAttribute("textContent"))
                .contains("@housekeeping", "@ruleId", "@typology");
        assertThat(browser.all(By.cssSelector("a.rule-decisions"))).extracting(e -> e.getAttribute("href"))
                .as("each rule links to its decisions in the audit search").anySatisfy(href -> assertThat(href)
                        .endsWith("#/audit?rule=WANGIRI-001"));

        // A condition left half-written: refused, with the compiler's file and line beside the editor.
        append("\nrule \"Console test: half a condition\"\n    @ruleId( \"CONSOLE-TEST-002\" ) @version( \"1.0\" ) @typology( \"WANGIRI\" )"
                + " @severity( \"LOW\" )\nwhen\n    $c : VoiceEvent( durationSeconds > )\nthen\nend\n");
        browser.type(By.id("rules-version"), VERSION);
        browser.click(By.id("rules-submit"));
        browser.waitForText(By.id("rules-problems"), "refused");
        assertThat(browser.text(By.id("rules-problems"))).contains("Rule set refused").contains("wangiri.drl");
        browser.click(By.cssSelector("#rules-problems button"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).as("the message opens its line").isEqualTo("rules-text");
        assertThat(browser.all(By.cssSelector("#rules-pending tr[data-change-id]"))).isEmpty();
        browser.check("rules-refused");

        browser.click(By.id("rules-revert"));
        append(HARMLESS_RULE);
        browser.waitForText(RULE_COUNT, "3");
        browser.type(By.id("rules-summary"), "Watch test calls of 4321 s to +447700900998");
        browser.click(By.id("rules-submit"));
        browser.waitForText(By.id("rules-problems"), "waits for another analyst");
        String changeId = browser.waitFor(By.cssSelector("#rules-pending tr[data-change-id]")).getAttribute("data-change-id");
        assertThat(browser.text(By.id("rules-pending"))).contains(VERSION).contains("Pending approval");
        browser.check("rules");

        // The author may press Approve; the service refuses, and the page says why.
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "']");
        browser.waitForText(card, "wangiri.drl");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.approve"));
        browser.waitForText(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] .card-flash"), "refused");
        assertThat(browser.text(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] .card-flash")))
                .contains("Four eyes").contains("someone else must approve it");
        browser.check("approval-refused");
        browser.signOut();

        browser.signIn("analyst2");
        browser.go("#/approvals");
        browser.waitForText(card, "Console test: a call of the marked length");
        String review = browser.text(card);
        assertThat(review).contains("Submitted by analyst1").contains("Watch test calls of 4321 s")
                .contains("Version " + shippedVersion + " → " + VERSION).contains("changed: wangiri.drl")
                .contains("lines added, 0 removed");
        assertThat(browser.all(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] tr.add")))
                .extracting(e -> e.getText()).anySatisfy(line -> assertThat(line).contains("CONSOLE-TEST-001"));
        browser.check("approvals");
        browser.type(By.id("note-" + changeId), "Harmless: matches no demo traffic");
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "approved and live");
        assertThat(browser.text(By.cssSelector("#approvals-recent tr[data-change-id='" + changeId + "']")))
                .contains("approved").contains("analyst2").contains("Harmless");

        browser.go("#/rules");
        browser.waitForText(By.cssSelector("#live-versions tr[data-kind='rules']"), VERSION);
        assertThat(browser.text(By.cssSelector("#live-versions tr[data-kind='rules']"))).contains("approved").contains("analyst2");
        assertThat(browser.text(RULE_COUNT)).isEqualTo("3");
    }

    /** The demo's Wangiri alerts over the last day of traffic, once it has raised some. */
    private long wangiriHits() {
        long until = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < until) {
            JsonNode hits = get("analyst1", "/api/v1/dashboard/rule-hits").path("hits");
            long n = hits.path("WANGIRI-001").asLong() + hits.path("WANGIRI-002").asLong();
            if (n > 0) {
                return n;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the demo raised no Wangiri alert within 180 s");
    }

    private void append(String text) {
        browser.waitFor(By.id("rules-text")).sendKeys(Keys.chord(Keys.CONTROL, Keys.END));
        browser.waitFor(By.id("rules-text")).sendKeys(text);
    }

    /** The demo system is shared with the other journeys: put the shipped rules back, as a supervisor would. */
    @AfterAll
    void rollBack() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> r = http.withBasicAuth("supervisor1", "ringfence-demo").postForEntity("/api/v1/live/rules/rollback",
                new HttpEntity<>("{\"to\":\"shipped\",\"note\":\"console test done\"}", headers), String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(200);
    }
}
