package io.ringfence.sip;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.detection.Subject;
import io.ringfence.screening.BlockMirror;
import io.ringfence.stream.KafkaSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIP switch in the loop (issue 21): Kamailio, running the shipped deploy/kamailio/kamailio.cfg, asks
 * the service on every INVITE and refuses what it denies; SIPp places the calls and answers the allowed ones
 * as the carrier. The proxy reports its answers back as SIP events, and a hacked PBX account that pumps
 * premium calls is detected by the rules, blocked by the decision and refused by the same proxy.
 *
 * <p>The service runs without the demo's simulated day: that day runs in March on event time, and this
 * switch's events are stamped with the wall clock. Its own JVM (the {@code sip-switch} tag has a surefire
 * execution of its own) keeps it apart from the browser journeys' running system.
 */
@Tag("sip-switch")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ringfence.demo.enabled=false")
class SwitchInTheLoopTest {
    private static final Logger log = LoggerFactory.getLogger(SwitchInTheLoopTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "ringfence-demo";
    /** An ordinary UK destination nobody blocks. */
    private static final String UK = "+442071234567";
    private static final String IRSF_TEST_NUMBER = "+88213500001";

    @LocalServerPort
    int port;
    @Autowired
    KafkaSettings kafka;
    @Autowired
    BlockMirror blocks;

    private final HttpClient http = HttpClient.newHttpClient();
    private SipSwitch sip;

    @BeforeAll
    void startSwitch() throws Exception {
        sip = SipSwitch.start(port, true);
    }

    @AfterAll
    void stopSwitch() {
        if (sip != null) {
            sip.close();
        }
    }

    @Test
    void theSwitchObeysScreeningReportsItsCallsAndRefusesAHackedPbxOnceTheRulesHaveBlockedIt() throws Exception {
        // Allowed calls are relayed and answered by the carrier.
        assertThat(sip.dial(List.of(PbxAttack.PBX_ACCOUNT + ";" + UK + ";PBX-office"))).as("a clean call").isZero();

        // A B number on a list: an IRSF test number.
        assertThat(sip.dial(List.of(PbxAttack.PBX_ACCOUNT + ";" + IRSF_TEST_NUMBER + ";PBX-office")))
                .as("a call to an IRSF test number").isEqualTo(SipSwitch.REFUSED);

        // A B-number range: the operator denies Somalia's range through the maker-checker hot list.
        JsonNode change = send("analyst1", "POST", "/api/v1/hotlists/high-risk-range?summary=" + enc("Deny +252 on the switch"),
                "text/csv", "value,note\n252,operator's choice: premium abuse on the route\n", 202);
        send("analyst2", "POST", "/api/v1/changes/" + change.path("changeId").asText() + "/approve", "application/json", "{}", 200);
        assertThat(sip.dial(List.of(PbxAttack.PBX_ACCOUNT + ";+252612345678;PBX-office")))
                .as("a call into a denied range").isEqualTo(SipSwitch.REFUSED);

        // A blocked A number: a BLOCK_NUMBER decision in force, as the stream mirrors it after its commit.
        String barred = "+447700900555";
        long now = System.currentTimeMillis();
        blocks.blocked(new Decision("dec-sip-" + UUID.randomUUID(), List.of("alert-sip"), Action.BLOCK_NUMBER,
                Subject.number(barred).target(), "CLI_SPOOFING", 1, now + 3_600_000L, null, false, null, null, barred, now,
                "disposition", "1", null, null, null));
        assertThat(sip.dial(List.of(barred + ";" + UK + ";handset"))).as("a call from a blocked A number").isEqualTo(SipSwitch.REFUSED);
        assertThat(sip.dial(List.of(PbxAttack.PBX_ACCOUNT + ";" + UK + ";PBX-office"))).as("the PBX still calls out").isZero();

        // The switch's reports arrive on telecom.events as contract SIP events: the refusal of the test-number call.
        JsonNode refusal = first(kafka.topics().events(), e -> "INVITE".equals(e.path("method").asText())
                && e.path("responseCode").asInt() == 403 && e.path("toUri").asText().contains(IRSF_TEST_NUMBER), Duration.ofSeconds(30));
        assertThat(refusal.path("type").asText()).isEqualTo("SIP");
        assertThat(refusal.path("subscriber").asText()).isEqualTo(PbxAttack.PBX_ACCOUNT);
        assertThat(refusal.path("sourceIp").asText()).isEqualTo(SipSwitch.LOOPBACK);

        // The attack: a scanner guesses its way into the PBX account, then pumps premium calls through it.
        assertThat(sip.register(PbxAttack.bruteForce())).as("SIPp's registration attempts ran").isZero();
        List<Integer> outcomes = new ArrayList<>();
        long refusedAt = 0;
        for (int n = 0; n < 200 && refusedAt == 0; n++) {
            int rc = sip.dial(List.of(PbxAttack.pumpedCall(n)));
            assertThat(rc).as("call " + n + " was answered or refused, nothing else").isIn(0, SipSwitch.REFUSED);
            outcomes.add(rc);
            if (rc == SipSwitch.REFUSED) {
                refusedAt = System.nanoTime();
            }
        }
        assertThat(refusedAt).as("a pumped call was refused within 200 calls; outcomes " + outcomes).isPositive();
        assertThat(sip.dial(List.of(PbxAttack.pumpedCall(1)))).as("and the next one").isEqualTo(SipSwitch.REFUSED);

        // The refusal is the rules' decision: PBX hacking, the source blocked (PBX-001 on the brute force; PBX-002,
        // more severe, once a high-cost INVITE comes from the source with the first alert open).
        JsonNode bruteForce = first(kafka.topics().alerts(), a -> "PBX-001".equals(a.path("ruleId").asText()), Duration.ofSeconds(30));
        assertThat(bruteForce.path("subject").path("value").asText()).isEqualTo(SipSwitch.LOOPBACK);
        assertThat(bruteForce.path("typology").asText()).isEqualTo("PBX_HACKING");
        JsonNode screened = send("switch1", "GET", "/api/v1/screen?a=" + enc(PbxAttack.PBX_ACCOUNT) + "&b=" + enc(UK)
                + "&type=VOICE&ip=" + SipSwitch.LOOPBACK, null, null, 200);
        assertThat(screened.path("verdict").asText()).isEqualTo("DENY");
        String decisionId = screened.path("decisionId").asText();
        JsonNode decision = first(kafka.topics().decisions(), d -> decisionId.equals(d.path("decisionId").asText()), Duration.ofSeconds(30));
        assertThat(decision.path("action").asText()).isEqualTo("BLOCK_SOURCE");
        assertThat(decision.path("reason").asText()).isEqualTo("PBX_HACKING");
        assertThat(decision.path("target").path("kind").asText()).isEqualTo("IP");
        assertThat(decision.path("target").path("value").asText()).isEqualTo(SipSwitch.LOOPBACK);

        // Detection to enforcement on the switch's own clock: the times the proxy stamped on its reports.
        List<JsonNode> reports = all(kafka.topics().events());
        Instant firstGuess = firstTime(reports, e -> "REGISTER".equals(e.path("method").asText())
                && PbxAttack.SCANNER.equals(e.path("userAgent").asText()));
        Instant breakIn = firstTime(reports, e -> "REGISTER".equals(e.path("method").asText())
                && e.path("responseCode").asInt() == 200 && PbxAttack.SCANNER.equals(e.path("userAgent").asText()));
        Instant firstPremium = firstTime(reports, e -> premiumInvite(e));
        Instant firstRefused = firstTime(reports, e -> premiumInvite(e) && e.path("responseCode").asInt() == 403);
        log.info("SIP switch in the loop: first refused premium call {} ms after the scanner's first REGISTER, {} ms after its "
                        + "successful registration, {} ms after the first premium call; {} premium calls answered before it",
                Duration.between(firstGuess, firstRefused).toMillis(), Duration.between(breakIn, firstRefused).toMillis(),
                Duration.between(firstPremium, firstRefused).toMillis(), outcomes.size() - 1);
        assertThat(firstRefused).isAfter(breakIn);
    }

    private static boolean premiumInvite(JsonNode e) {
        return "INVITE".equals(e.path("method").asText()) && PbxAttack.PREMIUM.stream().anyMatch(b -> e.path("toUri").asText().contains(b));
    }

    private static Instant firstTime(List<JsonNode> events, Predicate<JsonNode> wanted) {
        return events.stream().filter(wanted).map(e -> Instant.parse(e.path("timestamp").asText())).min(Instant::compareTo)
                .orElseThrow(() -> new AssertionError("no such event on telecom.events"));
    }

    /** Every record on the topic up to its end now. */
    private List<JsonNode> all(String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }

    @Test
    void aBadReportIsRefusedAndDeadLettered() throws Exception {
        String bad = "{\"eventId\":\"kamailio-bad-" + UUID.randomUUID() + "\",\"type\":\"SIP\",\"timestamp\":\"2026-12-01T10:00:00Z\","
                + "\"subscriber\":\"+442079460100\",\"method\":\"INVITE\",\"responseCode\":403,\"sourceIp\":\"not-an-ip\"}";
        HttpResponse<String> answer = http.send(request("switch1", "POST", "/api/v1/switch-events", "application/json", bad),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("field").asText()).isEqualTo("sourceIp");

        ConsumerRecord<byte[], byte[]> dead = firstRecord(kafka.topics().deadLetter(),
                r -> new String(r.value(), StandardCharsets.UTF_8).equals(bad), Duration.ofSeconds(30));
        assertThat(header(dead, "ringfence.field")).isEqualTo("sourceIp");
        assertThat(header(dead, "ringfence.reason")).isNotBlank();
        assertThat(header(dead, "ringfence.source")).isEqualTo("http:/api/v1/switch-events");

        // Only the switch's role may report.
        HttpResponse<String> analyst = http.send(request("analyst1", "POST", "/api/v1/switch-events", "application/json", bad),
                HttpResponse.BodyHandlers.ofString());
        assertThat(analyst.statusCode()).isEqualTo(403);
    }

    private JsonNode send(String user, String method, String path, String contentType, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(user, method, path, contentType, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private HttpRequest request(String user, String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + SipSwitch.LOOPBACK + ":" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json, application/problem+json");
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return r.headers().lastHeader(name) == null ? null : new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private JsonNode first(String topic, Predicate<JsonNode> wanted, Duration timeout) {
        ConsumerRecord<byte[], byte[]> r = firstRecord(topic, rec -> {
            try {
                return wanted.test(JSON.readTree(rec.value()));
            } catch (Exception notJson) {
                return false;
            }
        }, timeout);
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerRecord<byte[], byte[]> firstRecord(String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "sip-test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }
}
