package io.ringfence.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analyst imports a threat feed of IRSF test numbers into the reference lists from the console; a second analyst
 * sees the lines it adds on Approvals and approves; the lists in force then carry the feed's version.
 */
class ReferenceListsTest extends ConsoleTest {
    /** A number in no shipped list and never called by the demo's traffic. */
    private static final String FED = "+88239812345";
    private static final String LISTED = "+88213500001";

    @Test
    void aThreatFeedImportedInTheConsoleRunsOnceASecondAnalystApprovesIt() throws Exception {
        Path feed = Files.createTempFile("irsf-feed", ".csv");
        Files.writeString(feed, "# published test numbers\nnumber\n" + FED + "\n" + LISTED + "\n");
        String before = get("analyst1", "/api/v1/live/reference-data").path("version").asText();

        browser.signIn("analyst1");
        browser.go("#/reference");
        browser.waitForText(By.id("reference-version"), "Version " + before);
        browser.waitFor(By.id("feed-file")).sendKeys(feed.toAbsolutePath().toString());
        browser.type(By.id("feed-version"), "2026.12.6-console");
        browser.type(By.id("feed-source"), "console test feed");
        browser.click(By.id("feed-submit"));
        browser.waitForText(By.id("reference-flash"), "once another analyst approves it");
        assertThat(browser.text(By.id("reference-flash"))).contains("(1 new, 1 already listed)");
        String changeId = browser.waitFor(By.cssSelector("#reference-pending li[data-change-id]")).getAttribute("data-change-id");
        assertThat(get("analyst1", "/api/v1/live/reference-data").path("version").asText())
                .as("nothing runs before the approval").isEqualTo(before);
        browser.check("reference");
        browser.signOut();

        browser.signIn("analyst2");
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "']");
        browser.waitForText(card, "changed: irsf-test-numbers.csv");
        assertThat(browser.all(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] tr.add")))
                .extracting(e -> e.getText()).anySatisfy(line -> assertThat(line).contains(FED + ",console test feed"));
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "is approved and live");

        browser.go("#/reference");
        browser.waitForText(By.id("reference-version"), "tests@2026.12.6-console");
        assertThat(get("compliance1", "/api/v1/live/reference-data").path("files").path("irsf-test-numbers.csv").asText())
                .contains(FED + ",console test feed");

        // The demo system is shared with the other journeys: back to the lists it started with.
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> back = http.withBasicAuth("supervisor1", "ringfence-demo").postForEntity(
                "/api/v1/live/reference-data/rollback", new HttpEntity<>("{\"to\":\"shipped\"}", json), String.class);
        assertThat(back.getStatusCode().value()).as(back.getBody()).isEqualTo(200);
        assertThat(get("analyst1", "/api/v1/live/reference-data").path("version").asText()).isEqualTo(before);
    }
}
