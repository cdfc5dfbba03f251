package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler keeps the inbox open; a supervisor opens a case by hand elsewhere. The case's triage task appears in the
 * open inbox by itself, marked new, and the page announces its arrival, without a reload.
 */
class InboxLiveTest extends ConsoleTest {

    @Test
    void aCaseOpenedElsewhereArrivesInTheOpenInboxMarkedNew() throws Exception {
        browser.signIn("handler1");
        browser.go("#/inbox");
        browser.waitForText(By.id("inbox-status"), "updated");
        Object marker = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("return window.inboxMarker = Math.random();");

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> opened = http.withBasicAuth("supervisor1", "ringfence-demo").postForEntity("/api/v1/cases",
                new HttpEntity<>("{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700900966\"},\"subscriber\":"
                        + "\"+447700900966\",\"typology\":\"SIM_SWAP\",\"note\":\"inbox test: a call centre report\"}", headers),
                String.class);
        assertThat(opened.getStatusCode().value()).as(opened.getBody()).isEqualTo(201);
        JsonNode c = new ObjectMapper().readTree(opened.getBody());
        String caseId = c.path("caseId").asText();

        By row = By.cssSelector("#inbox-table tr[data-case-id='" + caseId + "']");
        browser.waitForText(row, "new");
        assertThat(browser.text(row)).contains("SIM_SWAP").contains("unclaimed");
        assertThat(browser.waitFor(row).getAttribute("class")).contains("arrived");
        browser.waitForText(By.id("inbox-status"), "arrived");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return window.inboxMarker;"))
                .as("the same page, not a reload").isEqualTo(marker);
        browser.check("inbox-live");
    }
}
