package io.ringfence.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hot-list CSV import is a change like any other: submitted by one analyst, shown to a second one as the lines
 * it adds, and found by a search of the list once approved.
 */
class HotListImportTest extends ConsoleTest {
    /** A destination the demo's network never calls, so the deny list's new entry changes no screening answer. */
    private static final String NUMBER = "+25299900123";

    @Test
    void anImportedEntryGoesThroughApprovalAndIsThenFoundBySearch() throws Exception {
        Path csv = Files.createTempFile("deny-import", ".csv");
        Files.writeString(csv, "value,note\n" + NUMBER + ",\"premium-rate test range, console import\"\n");

        browser.signIn("analyst1");
        browser.go("#/hotlists?list=deny&q=%2B252999");
        browser.waitForText(By.id("hotlist-entries"), "No entry starts with +252999");
        browser.waitFor(By.id("hotlist-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.type(By.id("hotlist-summary"), "Deny the premium-rate test range seen in the IRSF case");
        browser.click(By.id("hotlist-import-submit"));
        browser.waitForText(By.id("hotlist-flash"), "applies once another analyst approves it");
        String changeId = browser.waitFor(By.cssSelector("#hotlist-pending li[data-change-id]")).getAttribute("data-change-id");
        assertThat(browser.text(By.id("hotlist-pending"))).contains("add by you").contains("premium-rate test range");
        // Nothing is applied before the approval.
        assertThat(get("analyst1", "/api/v1/hotlists/deny?after=%2B252998~&size=5").path("entries").toString()).doesNotContain(NUMBER);
        browser.check("hotlists");
        browser.signOut();

        browser.signIn("analyst2");
        browser.go("#/approvals");
        By card = By.cssSelector("#approvals-queue [data-change-id='" + changeId + "']");
        browser.waitForText(card, "Add to deny");
        assertThat(browser.text(card)).contains("Hot list deny: add").contains("Submitted by analyst1")
                .contains("1 line added, 0 removed");
        assertThat(browser.all(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] tr.add")))
                .extracting(e -> e.getText()).anySatisfy(line -> assertThat(line).contains(NUMBER));
        browser.click(By.cssSelector("#approvals-queue [data-change-id='" + changeId + "'] button.approve"));
        browser.waitForText(By.id("approvals-flash"), "Hot list deny: add is approved");

        browser.go("#/hotlists?list=deny&q=%2B252999");
        browser.waitFor(By.cssSelector("#hotlist-entries tr[data-value='" + NUMBER + "']"));
        assertThat(browser.text(By.cssSelector("#hotlist-entries tr[data-value='" + NUMBER + "']")))
                .contains("premium-rate test range, console import");
        assertThat(browser.text(By.id("hotlist-entries"))).contains("1 entry starting with +252999");
    }
}
