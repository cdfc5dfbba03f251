package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.demo.DemoRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console journey in a real browser against the whole demo system (the one {@link DemoRun} starts and
 * DemoDayTest shares). The API is used only to find the demo's own cases before the browser works them.
 */
@DemoRun
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open("http://localhost:" + port + "/");
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    JsonNode get(String user, String path) {
        ResponseEntity<String> r = http.withBasicAuth(user, "ringfence-demo").getForEntity(path, String.class);
        assertThat(r.getStatusCode().value()).as(path + ": " + r.getBody()).isEqualTo(200);
        try {
            return JSON.readTree(r.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An open case the demo's traffic opened, whose triage nobody has claimed: the first that matches, waiting
     * while the simulated day is still being fed and decided.
     */
    JsonNode openCase(Predicate<JsonNode> wanted) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < until) {
            for (JsonNode c : get("supervisor1", "/api/v1/cases?status=OPEN&size=500").path("items")) {
                if (wanted.test(c) && "Triage".equals(c.path("stage").asText()) && unclaimedTriage(c)) {
                    return c;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the demo opened no such case within 180 s");
    }

    private boolean unclaimedTriage(JsonNode c) {
        JsonNode tasks = get("supervisor1", "/api/v1/tasks?name=Triage&caseId=" + c.path("caseId").asText()).path("items");
        return tasks.size() == 1 && tasks.get(0).path("owner").isNull();
    }
}
