package io.ringfence.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
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
    @Autowired
    KafkaSettings kafka;
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

    /** The HTTP status the API answers {@code user} on a GET. */
    int status(String user, String path) {
        return http.withBasicAuth(user, "ringfence-demo").getForEntity(path, String.class).getStatusCode().value();
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

    /**
     * One SS7 query for a subscriber's location from a foreign global title, into the stream:
     * a single event that the rules decide on at once. Dated at the stream's newest decision, so it moves no
     * partition's clock ahead of the demo's traffic that the other journeys read. Each journey asks from its own
     * global title: a second query from the same one within the incident's quiet period would join the first
     * journey's open incident, which is decided already.
     */
    String decideOnSignaling(String subscriber) {
        return decideOnSignaling(subscriber, "8613800138000");
    }

    String decideOnSignaling(String subscriber, String callingGt) {
        String eventId = "dmn-journey-" + UUID.randomUUID();
        String at = demoClock().minusSeconds(60).toString();
        String event = "{\"eventId\":\"" + eventId + "\",\"type\":\"SS7\",\"timestamp\":\"" + at + "\","
                + "\"subscriber\":\"" + subscriber + "\",\"operation\":\"anyTimeInterrogation\","
                + "\"callingGt\":\"" + callingGt + "\",\"calledGt\":\"" + subscriber.substring(1) + "\"}";
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("key.serializer", ByteArraySerializer.class);
        p.put("value.serializer", ByteArraySerializer.class);
        try (var producer = new KafkaProducer<byte[], byte[]>(p)) {
            producer.send(new ProducerRecord<>(kafka.topics().events(),
                    subscriber.getBytes(StandardCharsets.UTF_8),
                    event.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new AssertionError("could not send the event", e);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        HttpEntity<String> search = new HttpEntity<>("{\"subscriber\":\"" + subscriber + "\",\"size\":\"10\"}", headers);
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            String page = http.withBasicAuth("analyst1", "ringfence-demo").postForObject("/api/v1/audit/decisions/search",
                    search, String.class);
            for (JsonNode e : readJson(page).path("items")) {
                if (e.path("eventIds").toString().contains(eventId)) {
                    return e.path("decisionId").asText();
                }
            }
            sleep();
        }
        throw new AssertionError("no decision on the SS7 event within 120 s");
    }

    /**
     * The demo's traffic time: the minute of its newest decision, once there is one. Before the demo's first
     * decision the dashboard's window ends at the time now, months after the simulated day, and an event dated
     * then would move its partition's clock past the day the other journeys read.
     */
    private java.time.Instant demoClock() {
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (get("analyst1", "/api/v1/audit/decisions?size=1").path("total").asLong() == 0) {
            assertThat(System.nanoTime()).as("a decision on the demo's traffic within 180 s").isLessThan(until);
            sleep();
        }
        // The dashboard's traffic window ends with the minute of the newest decision.
        return java.time.Instant.parse(get("analyst1", "/api/v1/dashboard?window=PT15M").path("traffic").path("to").asText());
    }

    private static JsonNode readJson(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
