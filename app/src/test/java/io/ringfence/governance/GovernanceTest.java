package io.ringfence.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.EmbeddedService;
import io.ringfence.cases.Api;
import io.ringfence.embedded.EmbeddedServers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maker-checker end to end on the real service (embedded PostgreSQL, Kafka, Redis): what an analyst
 * submits runs nowhere until a second person approves it, then it runs on the stream; refusals carry
 * the engine's messages; every step is in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NUMBERS = new AtomicLong(447700931000L);
    /** The test rule below matches calls to this number lasting exactly this long, which no shipped rule cares about. */
    private static final String WATCHED = "+447700900999";
    private static final int MARK_SECONDS = 4321;
    private static final String TEST_RULE = """
            package io.ringfence.rules;

            import io.ringfence.event.*;
            import io.ringfence.detection.Subject;

            global io.ringfence.detection.AlertRegistry alerts;

            rule "Governance test: a call of the marked length to the watched number"
                @ruleId( "GOV-TEST-001" ) @version( "1.0" ) @typology( "IRSF" ) @severity( "LOW" )
            when
                $c : VoiceEvent( bNumber == "%s", durationSeconds == %d )
            then
                alerts.raise( drools, Subject.subscriber( $c.getSubscriber() ), $c.getSubscriber(),
                              java.util.List.of( $c ), "durationSeconds", $c.getDurationSeconds() );
            end
            """.formatted(WATCHED, MARK_SECONDS);

    /** A rule for a rule set in shadow only: it throws on a call of the marked length plus one to the watched number. */
    private static final String THROWING_RULE = """
            package io.ringfence.rules;

            import io.ringfence.event.*;

            rule "Shadow test: throws on a marked call"
                @ruleId( "GOV-SHADOW-THROWS" ) @version( "1.0" ) @typology( "IRSF" ) @severity( "LOW" )
            when
                $c : VoiceEvent( bNumber == "%s", durationSeconds == %d )
            then
                throw new IllegalStateException( "a rule in shadow that throws" );
            end
            """.formatted(WATCHED, MARK_SECONDS + 1);

    private EmbeddedService system;
    private EmbeddedServers servers;
    private Api api;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        system = EmbeddedService.start(Map.of("ringfence.governance.sync", "PT1S"));
        servers = system.servers();
        api = system.api();
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(pp);
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRuleSetRunsOnlyAfterASecondPersonApprovesIt() throws Exception {
        JsonNode shipped = api.get("analyst1", "/api/v1/live/rules/files").json();
        assertThat(shipped.path("files").size()).as("the live rule set's files, to edit").isGreaterThan(5);
        ObjectNode upload = shipped.deepCopy();
        upload.put("version", "2026.11.1-gov");
        ((ObjectNode) upload.path("files")).put("gov-test.drl", TEST_RULE);

        Api.Reply submitted = api.post("analyst1", "/api/v1/changes/rules?summary=watch%20a%20number", upload.toString());
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().path("changeId").asText();
        assertThat(submitted.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(submitted.json().path("version").asText()).isEqualTo("2026.11.1-gov");

        String before = msisdn();
        processed(call(before));
        assertThat(alerts(before)).as("a pending rule set runs nowhere").isZero();

        Api.Reply own = api.post("analyst1", "/api/v1/changes/" + id + "/approve", "{}");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.json().path("title").asText()).isEqualTo("Four eyes");
        assertThat(api.post("compliance1", "/api/v1/changes/" + id + "/approve", "{}").status())
                .as("a compliance officer reviews, but does not approve").isEqualTo(403);
        assertThat(api.post(null, "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(401);

        Api.Reply approved = api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{\"note\":\"checked on history\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.json().path("reviewer").asText()).isEqualTo("analyst2");
        JsonNode live = api.get("supervisor1", "/api/v1/live").json().path("rules");
        assertThat(live.path("changeId").asText()).isEqualTo(id);
        assertThat(live.path("inForceVersion").asText()).isEqualTo("2026.11.1-gov");
        assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}").status())
                .as("approved once").isEqualTo(409);

        String after = msisdn();
        call(after);
        await("the new rule alerts on the stream", () -> alerts(after) == 1);
        assertThat(alerts(before)).as("the switch warms up on history without alerting on it again").isZero();
        assertThat(api.get("analyst1", "/api/v1/live/rules/files").json().path("files").has("gov-test.drl"))
                .as("the live files are the approved ones").isTrue();

        assertThat(api.post("analyst1", "/api/v1/live/rules/rollback", "{\"to\":\"shipped\"}").status())
                .as("rollback is a supervisor's").isEqualTo(403);
        Api.Reply rolledBack = api.post("supervisor1", "/api/v1/live/rules/rollback", "{\"to\":\"shipped\",\"note\":\"noisy\"}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(rolledBack.json().path("version").asText()).isEqualTo(shipped.path("version").asText());
        JsonNode liveAgain = api.get("supervisor1", "/api/v1/live").json().path("rules");
        assertThat(liveAgain.path("how").asText()).isEqualTo("ROLLED_BACK");
        assertThat(liveAgain.path("changeId").isNull()).isTrue();

        String rolled = msisdn();
        processed(call(rolled));
        assertThat(alerts(rolled)).as("the rolled-back rule runs no more").isZero();

        assertThat(audit("CHANGE_SUBMITTED", id)).isEqualTo("analyst1");
        assertThat(audit("CHANGE_APPROVED", id)).isEqualTo("analyst2");
        assertThat(audit("ASSET_ROLLED_BACK", "rules:shipped")).isEqualTo("supervisor1");
    }

    /**
     * Issue 17, part 3: a threat feed of IRSF test numbers becomes a change of the reference lists; it classifies
     * nothing until a second analyst approves it, then the next events are enriched with it, and the decision names
     * the lists' version.
     */
    @Test
    void aReferenceListChangeRunsOnlyAfterApprovalAndTheDecisionNamesItsVersion() throws Exception {
        String fed = "+882390" + String.format("%07d", NUMBERS.incrementAndGet() % 10_000_000L);
        JsonNode lists = api.get("analyst1", "/api/v1/live/reference-data").json();
        String shippedVersion = lists.path("version").asText();
        assertThat(lists.path("files").path("irsf-test-numbers.csv").asText()).contains("+88213500001").doesNotContain(fed);
        String feedPath = "/api/v1/changes/reference-data/irsf-test-numbers/import?version=gov-feed-1&source=test%20feed";

        Api.Reply malformed = api.send("analyst1", "POST", feedPath, "text/csv",
                ("number\n" + fed + "\n0044123\n").getBytes(StandardCharsets.UTF_8));
        assertThat(malformed.status()).as(malformed.body()).isEqualTo(422);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().path("errors").get(0).asText()).startsWith("feed line 3: '0044123'");
        assertThat(api.send("handler1", "POST", feedPath, "text/csv", fed.getBytes(StandardCharsets.UTF_8)).status())
                .as("case handlers do not change reference data").isEqualTo(403);

        Api.Reply imported = api.send("analyst1", "POST", feedPath, "text/csv",
                ("# a published list\nnumber\n" + fed + "\n+88213500001\n").getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("added").asInt()).isEqualTo(1);
        assertThat(imported.json().path("alreadyListed").asInt()).isEqualTo(1);
        String id = imported.json().path("change").path("changeId").asText();
        String version = imported.json().path("change").path("version").asText();
        assertThat(version).contains("tests@gov-feed-1").isNotEqualTo(shippedVersion);

        String before = msisdn();
        Instant sent = Instant.now();
        processed(testCallThenHighCost(before, fed));
        assertThat(irsfTestAlerts(before)).as("a pending list classifies nothing").isZero();
        assertThat(screen(fed)).as("nor does screening refuse it").isEqualTo("ALLOW");

        // Tried on the stored history first: the draft lists add IRSF-002 on the line that just called the fed number.
        Api.Reply started = api.post("analyst2", "/api/v1/changes/" + id + "/backtests", "{\"from\":\""
                + sent.minusSeconds(60) + "\",\"to\":\"" + sent.plusSeconds(3600) + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode backtest = backtestFinished(started.json().path("backtestId").asText());
        assertThat(backtest.path("status").asText()).as(backtest.toString()).isEqualTo("DONE");
        assertThat(backtest.path("draftVersion").asText()).isEqualTo(version);
        assertThat(backtest.path("summary").path("byRule").path("IRSF-002").path("alerts").path("added").asLong())
                .as(backtest.toString()).isPositive();
        assertThat(backtest.path("summary").path("all").path("alerts").path("removed").asLong()).isZero();

        assertThat(api.post("analyst1", "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(403);
        Api.Reply approved = api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{\"note\":\"feed checked\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live").json().path("reference-data").path("inForceVersion").asText())
                .isEqualTo(version);
        assertThat(api.get("compliance1", "/api/v1/live/reference-data").json().path("files").path("irsf-test-numbers.csv")
                .asText()).contains(fed + ",test feed").contains("# version: gov-feed-1");
        assertThat(screen(fed)).as("the switches refuse the fed test number as the rules now know it").isEqualTo("DENY");

        String after = msisdn();
        testCallThenHighCost(after, fed);
        await("IRSF-002 sees the fed test number", () -> irsfTestAlerts(after) == 1);
        assertThat(decisionPayload(after)).as("the decision names the lists it was enriched with")
                .contains("\"referenceData\":\"" + version + "\"");

        Api.Reply sameVersion = api.post("analyst1", "/api/v1/changes/reference-data", "{\"files\":{\"simbox-tacs.csv\":"
                + JSON.writeValueAsString(lists.path("files").path("simbox-tacs.csv").asText() + "35299999,Gateway X,\n") + "}}");
        assertThat(sameVersion.status()).as(sameVersion.body()).isEqualTo(422);
        assertThat(sameVersion.json().path("title").asText()).isEqualTo("Version unchanged");
        Api.Reply badLine = api.post("analyst1", "/api/v1/changes/reference-data", "{\"files\":{\"simbox-tacs.csv\":"
                + "\"# version: x\\ntac,model,note\\n3529,short,\\n\"}}");
        assertThat(badLine.status()).isEqualTo(422);
        assertThat(badLine.json().path("errors").get(0).asText()).contains("simbox-tacs.csv:3").contains("8 digits");
        assertThat(api.post("analyst1", "/api/v1/changes/reference-data", "{\"files\":{\"network.json\":\"{}\"}}")
                .status()).isEqualTo(400);

        Api.Reply rolledBack = api.post("supervisor1", "/api/v1/live/reference-data/rollback", "{\"to\":\"shipped\"}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live/reference-data").json().path("version").asText())
                .isEqualTo(shippedVersion);
        assertThat(screen(fed)).as("rolled back with the lists").isEqualTo("ALLOW");
        assertThat(audit("CHANGE_APPROVED", id)).isEqualTo("analyst2");
    }

    private JsonNode backtestFinished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode b = api.get("analyst2", "/api/v1/backtests/" + id).json();
            if (Set.of("DONE", "FAILED", "CANCELLED").contains(b.path("status").asText()) || System.nanoTime() > deadline) {
                return b;
            }
            Thread.sleep(200);
        }
    }

    /** Issue 17, part 3: a rule's threshold changes at run time through maker-checker, and the decision names the set. */
    @Test
    void aRuleParameterChangeRunsOnlyAfterApprovalAndKeepsTheLiveFiles() throws Exception {
        JsonNode inForce = api.get("compliance1", "/api/v1/live/rules/parameters").json();
        assertThat(inForce.path("parameters").path("irsf.minCallsAfterTest").asText()).isEqualTo("3");
        String path = "/api/v1/changes/rule-parameters";

        Api.Reply unknown = api.post("analyst1", path, "{\"version\":\"p1\",\"parameters\":{\"irsf.nope\":\"2\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("detail").asText()).contains("unknown rule parameter 'irsf.nope'");
        Api.Reply tooLong = api.post("analyst1", path, "{\"version\":\"p1\",\"parameters\":{\"irsf.testWindow\":\"30d\"}}");
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.json().path("title").asText()).isEqualTo("Rule parameters refused");
        assertThat(tooLong.json().path("errors").get(0).asText()).contains("irsf.testWindow");
        assertThat(api.post("analyst1", path, "{\"version\":\"p1\",\"parameters\":{\"irsf.minCallsAfterTest\":\"3\"}}")
                .json().path("title").asText()).isEqualTo("Nothing changed");

        Api.Reply submitted = api.post("analyst1", path,
                "{\"version\":\"2026.12.6-params\",\"parameters\":{\"irsf.minCallsAfterTest\":2}}");
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().path("changeId").asText();
        assertThat(submitted.json().path("summary").asText()).contains("irsf.minCallsAfterTest");

        String before = msisdn();
        processed(testCallThenHighCost(before, "+88213500001", 2));
        assertThat(irsfTestAlerts(before)).as("a pending threshold runs nowhere").isZero();

        assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(200);
        String after = msisdn();
        testCallThenHighCost(after, "+88213500001", 2);
        await("IRSF-002 alerts after two high-cost calls", () -> irsfTestAlerts(after) == 1);
        assertThat(decisionPayload(after)).contains("\"ruleSet\":\"2026.12.6-params\"");

        JsonNode now = api.get("analyst1", "/api/v1/live/rules/parameters").json();
        assertThat(now.path("version").asText()).isEqualTo("2026.12.6-params");
        assertThat(now.path("parameters").path("irsf.minCallsAfterTest").asText()).isEqualTo("2");
        assertThat(now.path("changed").path("irsf.minCallsAfterTest").asText()).isEqualTo("2");
        JsonNode files = api.get("analyst1", "/api/v1/live/rules/files").json();
        assertThat(files.path("files").size()).as("the live files went along").isGreaterThan(5);
        assertThat(files.path("parameters").path("irsf.minCallsAfterTest").asText())
                .as("what an analyst edits next keeps the threshold").isEqualTo("2");

        assertThat(api.post("supervisor1", "/api/v1/live/rules/rollback", "{\"to\":\"shipped\"}").status()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live/rules/parameters").json().path("parameters")
                .path("irsf.minCallsAfterTest").asText()).isEqualTo("3");
    }

    /** Issue 21, part 3: the CRM's customer table changes at run time through maker-checker; decisions weigh it. */
    @Test
    void aCustomerTableFromTheCrmRunsOnlyAfterApprovalAndTheDecisionNamesItsVersion() throws Exception {
        Api.Reply live = api.get("analyst1", "/api/v1/live/customer-data");
        assertThat(live.status()).isEqualTo(200);
        String shipped = live.body();
        assertThat(shipped).contains("msisdnPrefix,segment,monthlyValue,note");
        String vip = msisdn();
        String withVip = shipped + (shipped.endsWith("\n") ? "" : "\n") + vip.substring(1) + ",VIP,900,from the CRM\n";
        String path = "/api/v1/changes/customer-data";

        Api.Reply bad = api.post("analyst1", path, "text/csv",
                "# version: x\nmsisdnPrefix,segment,monthlyValue,note\n,PLATINUM,1,\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().path("title").asText()).isEqualTo("Customer data refused");
        assertThat(bad.json().path("errors").get(0).asText()).contains(":3").contains("segment must be one of");
        Api.Reply sameVersion = api.post("analyst1", path, "text/csv", withVip.getBytes(StandardCharsets.UTF_8));
        assertThat(sameVersion.json().path("title").asText()).isEqualTo("Version unchanged");

        Api.Reply submitted = api.post("analyst1", path, "text/csv", withVip.replaceFirst("# version: [^\n]*",
                "# version: crm-2026.12.6").getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().path("changeId").asText();
        assertThat(submitted.json().path("version").asText()).isEqualTo("crm-2026.12.6");
        assertThat(api.get("analyst1", "/api/v1/live/customer-data").body()).as("not before its approval")
                .doesNotContain(vip.substring(1));

        assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live").json().path("customer-data").path("inForceVersion").asText())
                .isEqualTo("crm-2026.12.6");
        testCallThenHighCost(vip, "+88213500001");
        await("IRSF-002 on the VIP line", () -> irsfTestAlerts(vip) == 1);
        String decision = decisionPayload(vip);
        assertThat(decision).contains("\"customerData\":\"crm-2026.12.6\"").contains("\"segment\":\"VIP\"")
                .contains("\"customerValue\":900");

        assertThat(api.post("supervisor1", "/api/v1/live/customer-data/rollback", "{\"to\":\"shipped\"}").status())
                .isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live/customer-data").body()).isEqualTo(shipped);
    }

    /** A call to {@code testNumber}, then three calls to a high-cost range within the hour (IRSF-002's shape). */
    private String testCallThenHighCost(String subscriber, String testNumber) throws Exception {
        return testCallThenHighCost(subscriber, testNumber, 3);
    }

    private String testCallThenHighCost(String subscriber, String testNumber, int highCostCalls) throws Exception {
        Instant t = Instant.now();
        String last = voice(subscriber, testNumber, t, 40);
        for (int i = 1; i <= highCostCalls; i++) {
            last = voice(subscriber, "+8821360000" + i, t.plusSeconds(60L * i), 300);
        }
        return last;
    }

    private String voice(String subscriber, String bNumber, Instant at, int seconds) throws Exception {
        String id = "gov-" + UUID.randomUUID();
        String json = "{\"eventId\":\"" + id + "\",\"type\":\"VOICE\",\"timestamp\":\"" + at + "\",\"subscriber\":\""
                + subscriber + "\",\"direction\":\"MO\",\"aNumber\":\"" + subscriber + "\",\"bNumber\":\"" + bNumber
                + "\",\"answered\":true,\"ringSeconds\":5.0,\"durationSeconds\":" + seconds + ",\"roaming\":false}";
        producer.send(new ProducerRecord<>("telecom.events", subscriber, json)).get();
        return id;
    }

    private long irsfTestAlerts(String subscriber) throws SQLException {
        return count("SELECT count(*) FROM alert_record WHERE rule_id = 'IRSF-002' AND subscriber = '" + subscriber + "'");
    }

    private String decisionPayload(String subscriber) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT a.payload FROM audit_entry a "
                + "JOIN alert_record r ON r.alert_id = ANY (a.alert_ids) WHERE a.entry_kind = 'DECISION' "
                + "AND r.rule_id = 'IRSF-002' AND r.subscriber = ?")) {
            ps.setString(1, subscriber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no decision)";
            }
        }
    }

    @Test
    void refusalsCarryTheCompilerMessagesAndStoreNothing() throws Exception {
        long changes = count("SELECT count(*) FROM asset_change");
        JsonNode shipped = api.get("analyst1", "/api/v1/live/rules/files").json();

        ObjectNode broken = shipped.deepCopy();
        ((ObjectNode) broken.path("files")).put("broken.drl", "package io.ringfence.rules;\nrule \"half\" when then nothing(;\nend\n");
        Api.Reply syntax = api.post("analyst1", "/api/v1/changes/rules", broken.toString());
        assertThat(syntax.status()).isEqualTo(422);
        assertThat(syntax.contentType()).startsWith("application/problem+json");
        assertThat(syntax.json().path("errors").toString()).contains("broken.drl");

        ObjectNode unlabelled = shipped.deepCopy();
        ((ObjectNode) unlabelled.path("files")).put("bare.drl", TEST_RULE.replace("@ruleId( \"GOV-TEST-001\" ) ", ""));
        Api.Reply bare = api.post("analyst1", "/api/v1/changes/rules", unlabelled.toString());
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.json().path("errors").toString()).contains("@ruleId");

        ObjectNode hostile = shipped.deepCopy();
        ((ObjectNode) hostile.path("files")).put("exit.drl", TEST_RULE.replace(
                "alerts.raise(", "System.exit( 3 );\n                alerts.raise("));
        Api.Reply sandbox = api.post("analyst1", "/api/v1/changes/rules", hostile.toString());
        assertThat(sandbox.status()).isEqualTo(422);
        assertThat(sandbox.json().path("title").asText()).isEqualTo("Rule set not allowed");
        assertThat(sandbox.json().path("reason").asText()).isEqualTo("NOT_ALLOWED");
        assertThat(sandbox.json().path("errors").toString()).contains("exit.drl").contains("System");

        Api.Reply xxe = api.post("analyst1", "/api/v1/changes/decision-model", "application/xml", ("<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
                + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">&x;</definitions>").getBytes(StandardCharsets.UTF_8));
        assertThat(xxe.status()).isEqualTo(422);
        assertThat(xxe.json().path("reason").asText()).isEqualTo("NOT_ALLOWED");

        assertThat(api.post("analyst1", "/api/v1/changes/rules", "not json").status()).isEqualTo(400);
        assertThat(api.post("analyst1", "/api/v1/changes/rules", "{\"version\":\"../x\",\"files\":{}}").json()
                .path("field").asText()).isEqualTo("version");
        byte[] huge = new byte[ChangeController.MAX_RULE_SET_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(api.post("analyst1", "/api/v1/changes/rules", "application/json", huge).status()).isEqualTo(413);

        Api.Reply dmn = api.post("analyst1", "/api/v1/changes/decision-model", "application/xml",
                "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"><oops/></definitions>".getBytes(StandardCharsets.UTF_8));
        assertThat(dmn.status()).isEqualTo(422);
        assertThat(dmn.json().path("title").asText()).isEqualTo("Decision model refused");
        Api.Reply pmml = api.post("analyst1", "/api/v1/changes/scoring-model", "application/xml",
                "<PMML version=\"4.4\"/>".getBytes(StandardCharsets.UTF_8));
        assertThat(pmml.status()).isEqualTo(422);
        assertThat(pmml.json().path("errors").get(0).asText()).startsWith("PMML rejected");

        assertThat(api.post("case-nobody", "/api/v1/changes/rules", shipped.toString()).status()).isEqualTo(401);
        assertThat(api.post("handler1", "/api/v1/changes/rules", shipped.toString()).status())
                .as("case handlers do not author rules").isEqualTo(403);
        assertThat(count("SELECT count(*) FROM asset_change")).as("nothing refused was stored").isEqualTo(changes);
    }

    /** Finding 5 of issue 20: analysts' FEEL runs within a budget, off the request thread. */
    @Test
    void aDecisionModelThatWouldRunForeverIsRefusedAndTheServiceGoesOn() throws Exception {
        long changes = count("SELECT count(*) FROM asset_change");

        Api.Reply forever = api.post("analyst1", "/api/v1/changes/decision-model?version=forever", "application/xml",
                AnalystUploadBudgetTest.foreverDmn());

        assertThat(forever.status()).isEqualTo(422);
        assertThat(forever.contentType()).startsWith("application/problem+json");
        assertThat(forever.json().path("title").asText()).isEqualTo("Decision model refused");
        assertThat(forever.json().path("reason").asText()).isEqualTo("OVER_BUDGET");
        assertThat(forever.json().path("detail").asText()).contains("ran out of its").contains("nothing was submitted");
        assertThat(count("SELECT count(*) FROM asset_change")).as("nothing refused was stored").isEqualTo(changes);
        // The service answers and checks the next upload as usual.
        assertThat(api.get("analyst1", "/api/v1/live").status()).isEqualTo(200);
        Api.Reply shipped = api.post("analyst1", "/api/v1/changes/decision-model?version=after-forever", "application/xml",
                AnalystUploadBudgetTest.shippedDmn());
        assertThat(shipped.status()).isEqualTo(201);
        assertThat(api.post("analyst1", "/api/v1/changes/" + shipped.json().path("changeId").asText() + "/withdraw", "")
                .json().path("status").asText()).isEqualTo("WITHDRAWN");
    }

    /** Issue 17, part 6: a draft that breaks a scenario of the live table, or of its own file, is refused by name. */
    @Test
    void aDecisionModelThatBreaksAScenarioIsRefusedWithTheScenariosName() throws Exception {
        long changes = count("SELECT count(*) FROM asset_change");
        String shipped = new String(AnalystUploadBudgetTest.shippedDmn(), StandardCharsets.UTF_8);
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";
        assertThat(shipped).contains(row);
        byte[] dayLongWangiri = shipped.replace(row, row.replace("168", "24")).getBytes(StandardCharsets.UTF_8);

        Api.Reply broken = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-day", "application/xml",
                dayLongWangiri);

        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().path("title").asText()).isEqualTo("Decision model breaks scenarios");
        assertThat(broken.json().path("detail").asText()).contains("'wangiri one-ring blocks the number without a case'")
                .contains("nothing was submitted");
        JsonNode failed = broken.json().path("failedScenarios").get(0);
        assertThat(failed.path("scenario").asText()).isEqualTo("wangiri one-ring blocks the number without a case");
        assertThat(failed.path("input").path("typology").asText()).isEqualTo("WANGIRI");
        assertThat(failed.path("mismatches").get(0).path("output").asText()).isEqualTo("blockHours");
        assertThat(failed.path("mismatches").get(0).path("expected").asText()).isEqualTo("168");
        assertThat(failed.path("mismatches").get(0).path("actual").asText()).isEqualTo("24");
        assertThat(broken.json().path("errors").get(0).asText()).startsWith("scenario 'wangiri one-ring");

        // The upload's own scenarios are checked as well: the shipped table does not block this line for 48 hours.
        String header = "scenario,typology,ruleId,severity,score,subjectKind,segment,customerValue,repeatOffences,"
                + "exposure,origin,expect.action,expect.blockHours\n";
        Api.Reply own = api.post("analyst1", "/api/v1/changes/decision-model?version=own-scenarios", MULTIPART,
                multipart(shipped, header + "IRSF small line blocks for two days,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,"
                        + "CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,48\n"));
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.json().path("failedScenarios").get(0).path("scenario").asText())
                .isEqualTo("IRSF small line blocks for two days");
        assertThat(own.json().path("failedScenarios").get(0).path("line").asInt()).isEqualTo(2);

        Api.Reply unreadable = api.post("analyst1", "/api/v1/changes/decision-model", MULTIPART,
                multipart(shipped, header.replace("exposure,", "exposures,") + "x,IRSF\n"));
        assertThat(unreadable.status()).isEqualTo(422);
        assertThat(unreadable.json().path("title").asText()).isEqualTo("Scenario file refused");
        assertThat(unreadable.json().path("errors").get(0).asText()).startsWith("line 1: unknown column 'exposures'");
        assertThat(count("SELECT count(*) FROM asset_change")).as("nothing refused was stored").isEqualTo(changes);

        Api.Reply passes = api.post("analyst1", "/api/v1/changes/decision-model?version=own-scenarios-ok", MULTIPART,
                multipart(shipped, header + "IRSF small line blocks for three days,IRSF,IRSF-001,HIGH,0.9,SUBSCRIBER,"
                        + "CONSUMER,20,0,10,NONE,BLOCK_SUBSCRIBER,72\n"));
        assertThat(passes.status()).isEqualTo(201);
        assertThat(api.post("analyst1", "/api/v1/changes/" + passes.json().path("changeId").asText() + "/withdraw", "")
                .json().path("status").asText()).isEqualTo("WITHDRAWN");
    }

    /**
     * An analyst means the table to decide otherwise: the change restates the scenarios it breaks as the draft decides
     * them, the reviewer sees each before and after, and once approved they are the scenarios of record that the
     * next upload must pass, until a rollback puts the shipped table and its scenarios back.
     */
    @Test
    void aDecisionModelChangeRestatesTheScenariosItDecidesOtherwiseAndTheyGoLiveWithIt() throws Exception {
        String shipped = new String(AnalystUploadBudgetTest.shippedDmn(), StandardCharsets.UTF_8);
        String row = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";
        String twoDays = shipped.replace(row, row.replace("168", "48"));
        String oneRing = "wangiri one-ring blocks the number without a case";
        String vip = "a VIP segment does not shield a number";
        long changes = count("SELECT count(*) FROM asset_change");

        Api.Reply half = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-two-days", MULTIPART,
                restating(twoDays, oneRing));
        assertThat(half.status()).as(half.body()).isEqualTo(422);
        assertThat(half.json().path("failedScenarios")).extracting(f -> f.path("scenario").asText()).containsExactly(vip);
        Api.Reply unknown = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-two-days", MULTIPART,
                restating(twoDays, oneRing + "\n" + vip + "\nno such scenario"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("title").asText()).isEqualTo("Scenario restatement refused");
        assertThat(unknown.json().path("errors").get(0).asText()).startsWith("'no such scenario' is not a scenario");
        assertThat(count("SELECT count(*) FROM asset_change")).as("nothing refused was stored").isEqualTo(changes);

        Api.Reply submitted = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-two-days", MULTIPART,
                restating(twoDays, oneRing + "\n" + vip + "\n"));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        String id = submitted.json().path("changeId").asText();
        try {
            restatedAndLive(id, shipped, oneRing, vip);
        } finally {
            // The other tests of this class count pending decision models: never leave this one behind.
            if ("PENDING".equals(api.get("analyst1", "/api/v1/changes/" + id).json().path("status").asText())) {
                api.post("analyst1", "/api/v1/changes/" + id + "/withdraw", "");
            }
            if (id.equals(api.get("analyst1", "/api/v1/live").json().path("decision-model").path("changeId").asText())) {
                api.post("supervisor1", "/api/v1/live/decision-model/rollback", "{\"to\":\"shipped\",\"note\":\"cleanup\"}");
            }
        }
    }

    private void restatedAndLive(String id, String shipped, String oneRing, String vip) throws Exception {
        JsonNode restated = api.get("analyst2", "/api/v1/changes/" + id).json().path("scenarios").path("restated");
        assertThat(restated).extracting(r -> r.path("scenario").asText()).containsExactly(oneRing, vip);
        JsonNode output = restated.get(0).path("outputs").get(0);
        assertThat(List.of(output.path("output").asText(), output.path("expected").asText(), output.path("actual").asText()))
                .containsExactly("blockHours", "168", "48");
        assertThat(restated.get(0).path("outputs")).hasSize(1);
        String file = api.get("analyst2", "/api/v1/changes/" + id + "/scenarios").body();
        assertThat(line(file, oneRing)).contains(",48,");
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT payload FROM audit_entry WHERE "
                + "action = 'CHANGE_SUBMITTED' AND decision_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("restatedScenarios").contains(oneRing).contains("scenariosSha256");
            }
        }

        // A second draft on the same live table, waiting while the first goes live.
        String twin = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-two-days-twin", MULTIPART,
                restating(shipped.replace(WANGIRI_WEEK, WANGIRI_WEEK.replace("168", "48")), oneRing + "\n" + vip))
                .json().path("changeId").asText();
        assertThat(twin).isNotBlank();
        assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{\"note\":\"two days, as agreed\"}").status())
                .isEqualTo(200);
        Api.Reply stale = api.post("analyst2", "/api/v1/changes/" + twin + "/approve", "{}");
        assertThat(stale.status()).as("approving it would undo the table just approved").isEqualTo(409);
        assertThat(stale.json().path("title").asText()).isEqualTo("Live table changed");
        assertThat(stale.json().path("detail").asText()).contains("change " + id);
        assertThat(api.post("analyst1", "/api/v1/changes/" + twin + "/withdraw", "").status()).isEqualTo(200);
        assertThat(line(api.get("analyst1", "/api/v1/live/decision-model/scenarios").body(), oneRing)).contains(",48,");
        // The scenarios of record moved with the table: the week is now the change to argue for.
        Api.Reply back = api.post("analyst1", "/api/v1/changes/decision-model?version=wangiri-week-again", "application/xml",
                shipped.getBytes(StandardCharsets.UTF_8));
        assertThat(back.status()).isEqualTo(422);
        assertThat(back.json().path("failedScenarios")).extracting(f -> f.path("scenario").asText()).containsExactly(oneRing, vip);

        assertThat(api.post("supervisor1", "/api/v1/live/decision-model/rollback", "{\"to\":\"shipped\",\"note\":\"test done\"}")
                .status()).isEqualTo(200);
        assertThat(line(api.get("analyst1", "/api/v1/live/decision-model/scenarios").body(), oneRing)).contains(",168,");
    }

    private static String line(String csv, String scenario) {
        return csv.lines().filter(l -> l.startsWith(scenario + ",")).findFirst()
                .orElseThrow(() -> new AssertionError("no scenario '" + scenario + "' in\n" + csv));
    }

    private static final String WANGIRI_WEEK = "<dmn:outputEntry id=\"disposition-wangiri-o4\">\n          <dmn:text>168</dmn:text>";

    /** A form with the DMN as part 'model' and scenario names as part 'restate', one per line. */
    private static byte[] restating(String dmn, String names) {
        return form(dmn, "Content-Disposition: form-data; name=\"restate\"\r\nContent-Type: text/plain", names);
    }

    private static final String BOUNDARY = "ringfence-scenarios-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    /** A form with the DMN as part 'model' and a scenario file as part 'scenarios', as a browser or curl -F sends it. */
    private static byte[] multipart(String dmn, String scenarios) {
        return form(dmn, "Content-Disposition: form-data; name=\"scenarios\"; filename=\"mine.scenarios.csv\"\r\n"
                + "Content-Type: text/csv", scenarios);
    }

    /** The DMN as part 'model', then one more part with the given headers and body. */
    private static byte[] form(String dmn, String headers, String body) {
        return ("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"model\"; filename=\"disposition.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + dmn + "\r\n"
                + "--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n" + body + "\r\n"
                + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Champion/challenger: a table approved for shadow answers every alert beside the live one, its answers are kept
     * and reported per rule but never sent; its shadow run is ended, or it is promoted, each by a second person.
     */
    @Test
    void aDecisionModelInShadowAnswersBesideTheLiveOneUntilASecondPersonEndsOrPromotesIt() throws Exception {
        String shipped = new String(AnalystUploadBudgetTest.shippedDmn(), StandardCharsets.UTF_8);
        // The challenger lets every line's alerts go (the test-line row, which comes first, takes every segment).
        String row = "<dmn:inputEntry id=\"disposition-test-line-i6\">\n          <dmn:text>\"TEST\"</dmn:text>";
        assertThat(shipped).contains(row);
        String lenient = shipped.replace(row, row.replace("\"TEST\"", "-"));
        Api.Reply breaks = api.post("analyst1", "/api/v1/changes/decision-model?version=lines-let-go&mode=shadow",
                "application/xml", lenient.getBytes(StandardCharsets.UTF_8));
        assertThat(breaks.status()).as("a table in shadow passes the scenarios gate like any").isEqualTo(422);
        List<String> broken = new ArrayList<>();
        breaks.json().path("failedScenarios").forEach(f -> broken.add(f.path("scenario").asText()));
        assertThat(api.post("analyst1", "/api/v1/changes/decision-model?version=x&mode=sometimes", "application/xml",
                shipped.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);

        String first = shadowed(lenient, "lines-let-go", broken);
        String firstSubscriber = msisdn();
        try {
            testCallThenHighCost(firstSubscriber, "+88213500001");
            await("the shadow's answer beside the live decision", () -> count("SELECT count(*) FROM shadow_decision WHERE "
                    + "subscriber = '" + firstSubscriber + "' AND rule_id = 'IRSF-002'") == 1);
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE subscriber = '" + firstSubscriber + "' AND action = "
                    + "'ALLOW' AND champion_action <> 'ALLOW' AND NOT agrees AND decision_model = 'lines-let-go'"
                    + " AND rule_id = 'IRSF-002'"))
                    .as("the challenger let the line go where the live table did not").isEqualTo(1);
            assertThat(decisionPayload(firstSubscriber)).as("what was sent is the live table's")
                    .doesNotContain("lines-let-go").doesNotContain("\"action\":\"ALLOW\"");

            JsonNode report = api.get("compliance1", "/api/v1/shadow").json();
            assertThat(report.path("challengers").get(0).path("kind").asText()).isEqualTo("decision-model");
            assertThat(report.path("challengers").get(0).path("changeId").asText()).isEqualTo(first);
            assertThat(report.path("answeredBy").path("decisionModel").asText()).isEqualTo("lines-let-go");
            JsonNode irsf = null;
            for (JsonNode r : report.path("rules")) {
                if (r.path("ruleId").asText().equals("IRSF-002")) {
                    irsf = r;
                }
            }
            assertThat(irsf).as(report.toString()).isNotNull();
            assertThat(irsf.path("decisions").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(irsf.path("agree").asLong()).isLessThan(irsf.path("decisions").asLong());
            assertThat(report.path("totals").path("agreement").asDouble()).isLessThan(1.0);

            // A step names the run it acts on: once another table took its place in shadow, it is refused.
            String staleEnd = api.post("analyst1", "/api/v1/changes/shadow/decision-model/end", "{}").json()
                    .path("changeId").asText();
            shadowed(lenient, "lines-let-go-b", broken);
            Api.Reply refused = api.post("analyst2", "/api/v1/changes/" + staleEnd + "/approve", "{}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.json().path("title").asText()).isEqualTo("Shadow changed");
            assertThat(api.post("analyst1", "/api/v1/changes/" + staleEnd + "/withdraw", "").status()).isEqualTo(200);

            // Ended by a second person: the shadow stops answering, the live table never changed.
            Api.Reply end = api.post("analyst1", "/api/v1/changes/shadow/decision-model/end", "{\"summary\":\"seen enough\"}");
            assertThat(end.status()).as(end.body()).isEqualTo(201);
            assertThat(end.json().path("operation").asText()).isEqualTo("END_SHADOW");
            assertThat(api.post("analyst1", "/api/v1/changes/" + end.json().path("changeId").asText() + "/approve", "{}")
                    .status()).isEqualTo(403);
            assertThat(api.post("analyst2", "/api/v1/changes/" + end.json().path("changeId").asText() + "/approve", "{}")
                    .status()).isEqualTo(200);
            assertThat(api.get("analyst1", "/api/v1/shadow").json().path("challengers")).isEmpty();
            String afterEnd = msisdn();
            processed(testCallThenHighCost(afterEnd, "+88213500001"));
            await("IRSF-002 decided after the shadow ended", () -> !decisionPayload(afterEnd).equals("(no decision)"));
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE subscriber = '" + afterEnd + "'")).isZero();
            Api.Reply neverLive = api.post("supervisor1", "/api/v1/live/decision-model/rollback", "{\"to\":\"" + first + "\"}");
            assertThat(neverLive.status()).as("a table only ever in shadow was never approved to decide").isEqualTo(409);
            assertThat(api.post("analyst1", "/api/v1/changes/shadow/decision-model/promote", "{}").status())
                    .as("nothing in shadow to promote").isEqualTo(409);

            // In shadow again, then promoted by a second person: it decides from then on.
            String second = shadowed(lenient, "lines-let-go-2", broken);
            Api.Reply promote = api.post("analyst1", "/api/v1/changes/shadow/decision-model/promote", "{}");
            assertThat(promote.status()).as(promote.body()).isEqualTo(201);
            assertThat(promote.json().path("version").asText()).isEqualTo("lines-let-go-2");
            assertThat(api.post("analyst2", "/api/v1/changes/" + promote.json().path("changeId").asText() + "/approve",
                    "{\"note\":\"agreed on the record\"}").status()).isEqualTo(200);
            JsonNode live = api.get("analyst1", "/api/v1/live").json().path("decision-model");
            assertThat(live.path("changeId").asText()).isEqualTo(second);
            assertThat(live.path("inForceVersion").asText()).isEqualTo("lines-let-go-2");
            assertThat(api.get("analyst1", "/api/v1/shadow").json().path("challengers")).isEmpty();
            String promoted = msisdn();
            testCallThenHighCost(promoted, "+88213500001");
            await("IRSF-002 decided by the promoted table", () -> decisionPayload(promoted).contains("lines-let-go-2"));
            assertThat(decisionPayload(promoted)).contains("\"action\":\"ALLOW\"");
            assertThat(audit("CHANGE_APPROVED", promote.json().path("changeId").asText())).isEqualTo("analyst2");
        } finally {
            for (JsonNode c : api.get("analyst1", "/api/v1/changes?kind=decision-model&status=pending").json()) {
                api.post("analyst1", "/api/v1/changes/" + c.path("changeId").asText() + "/withdraw", "");
            }
            if (!api.get("analyst1", "/api/v1/shadow").json().path("challengers").isEmpty()) {
                String end = api.post("analyst1", "/api/v1/changes/shadow/decision-model/end", "{}").json().path("changeId").asText();
                api.post("analyst2", "/api/v1/changes/" + end + "/approve", "{}");
            }
            api.post("supervisor1", "/api/v1/live/decision-model/rollback", "{\"to\":\"shipped\",\"note\":\"cleanup\"}");
        }
    }

    /**
     * A private draft (issue 17): its author alone sees it, backtests it and submits it; until then it does not exist
     * for anyone else, and once submitted it carries the backtest its author ran.
     */
    @Test
    void aDraftIsItsAuthorsAloneUntilSubmittedAndCarriesItsBacktest() throws Exception {
        String body = "{\"version\":\"2026.12.7-draft\",\"parameters\":{\"irsf.minCallsAfterTest\":4}}";
        assertThat(api.post("analyst1", "/api/v1/changes/rule-parameters?draft=maybe", body).status()).isEqualTo(400);
        Api.Reply drafted = api.post("analyst1", "/api/v1/changes/rule-parameters?draft=true", body);
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        assertThat(drafted.json().path("status").asText()).isEqualTo("DRAFT");
        String id = drafted.json().path("changeId").asText();
        try {
            for (String other : List.of("analyst2", "supervisor1", "compliance1")) {
                assertThat(api.get(other, "/api/v1/changes/" + id).status()).as(other + " reads it").isEqualTo(404);
                assertThat(api.get(other, "/api/v1/changes/" + id + "/content").status()).isEqualTo(404);
                assertThat(api.get(other, "/api/v1/changes?limit=500").json().findValuesAsText("changeId"))
                        .as(other + " lists it").doesNotContain(id);
            }
            assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(404);
            assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/backtests",
                    "{\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}").status()).isEqualTo(404);
            assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/submit", "{}").status()).isEqualTo(404);
            assertThat(api.get("analyst1", "/api/v1/changes?status=draft").json().findValuesAsText("changeId"))
                    .as("its author lists it").contains(id);
            Api.Reply early = api.post("analyst1", "/api/v1/changes/" + id + "/approve", "{}");
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.json().path("title").asText()).isEqualTo("A draft");

            // Its author backtests it on the stored history of the last hours, privately.
            String line = msisdn();
            processed(testCallThenHighCost(line, "+88213500001"));
            Instant now = Instant.now();
            Api.Reply started = api.post("analyst1", "/api/v1/changes/" + id + "/backtests", "{\"from\":\""
                    + now.minus(java.time.Duration.ofHours(2)) + "\",\"to\":\"" + now.plusSeconds(1) + "\"}");
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String backtest = started.json().path("backtestId").asText();
            assertThat(api.get("analyst2", "/api/v1/backtests/" + backtest).status())
                    .as("nor is the draft's backtest anyone else's").isEqualTo(404);
            JsonNode done = io.ringfence.backtest.Backtests.finished(api, backtest);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("DONE");

            Api.Reply submitted = api.post("analyst1", "/api/v1/changes/" + id + "/submit", "{}");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
            assertThat(submitted.json().path("status").asText()).isEqualTo("PENDING");
            assertThat(api.post("analyst1", "/api/v1/changes/" + id + "/submit", "{}").status())
                    .as("submitted once").isEqualTo(409);
            JsonNode seen = api.get("analyst2", "/api/v1/changes/" + id).json();
            assertThat(seen.path("status").asText()).isEqualTo("PENDING");
            assertThat(seen.path("backtest").path("backtestId").asText()).as("it carries its author's backtest: " + seen)
                    .isEqualTo(backtest);
            assertThat(audit("CHANGE_DRAFTED", id)).isEqualTo("analyst1");
            assertThat(auditDetail("CHANGE_DRAFTED", id)).as("the trail, which colleagues read, says a draft was made,"
                    + " not what it holds").doesNotContain("2026.12.7-draft").doesNotContain("irsf.minCallsAfterTest");
            assertThat(audit("CHANGE_SUBMITTED", id)).isEqualTo("analyst1");
            assertThat(auditDetail("CHANGE_SUBMITTED", id)).contains("2026.12.7-draft");

            // A draft its author gives up is withdrawn, never seen.
            String other = api.post("analyst1", "/api/v1/changes/rule-parameters?draft=true",
                    body.replace("2026.12.7-draft", "2026.12.7-draft-b")).json().path("changeId").asText();
            assertThat(api.post("analyst2", "/api/v1/changes/" + other + "/withdraw", "").status()).isEqualTo(404);
            Api.Reply discarded = api.post("analyst1", "/api/v1/changes/" + other + "/withdraw", "");
            assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
            assertThat(discarded.json().path("status").asText()).isEqualTo("DISCARDED");
            assertThat(api.get("analyst2", "/api/v1/changes/" + other).status()).as("as private as it was").isEqualTo(404);
            assertThat(api.get("analyst2", "/api/v1/changes?limit=500").json().findValuesAsText("changeId"))
                    .doesNotContain(other);
            assertThat(api.get("analyst1", "/api/v1/changes/" + other).json().path("status").asText()).isEqualTo("DISCARDED");
            assertThat(auditDetail("CHANGE_DISCARDED", other)).doesNotContain("2026.12.7-draft-b");
            assertThat(api.post("supervisor1", "/api/v1/live/rules/rollback", "{\"to\":\"" + other + "\"}").status())
                    .as("a rollback does not tell a draft exists").isEqualTo(404);
        } finally {
            api.post("analyst1", "/api/v1/changes/" + id + "/withdraw", "");
        }
    }

    /**
     * A rule set in shadow (issue 17, part 2): every partition runs it beside the live rules on the same events; what
     * each side decides on an event is matched, kept per run and reported, and nothing the challenger decides is sent.
     */
    @Test
    void aRuleSetInShadowDecidesBesideTheLiveRulesAndNothingItDecidesIsSent() throws Exception {
        String path = "/api/v1/changes/rule-parameters?mode=shadow";
        try {
            // The live rules and one more that throws on a marked call: on any other event each decision is taken
            // alike, and the event it throws on costs the live side nothing.
            ObjectNode upload = api.get("analyst1", "/api/v1/live/rules/files").json().deepCopy();
            upload.put("version", "2026.12.7-same");
            ((ObjectNode) upload.path("files")).put("shadow-throws.drl", THROWING_RULE);
            String same = shadowedRules("/api/v1/changes/rules?mode=shadow", upload.toString());
            String marked = msisdn();
            String thrownOn = voice(marked, WATCHED, Instant.now(), MARK_SECONDS + 1);
            processed(thrownOn);
            assertThat(count("SELECT count(*) FROM event_history WHERE event_id = '" + thrownOn + "'"))
                    .as("the live side stored the event the rule in shadow threw on").isEqualTo(1);
            String both = msisdn();
            processed(testCallThenHighCost(both, "+88213500001"));
            await("the live IRSF-002 decision", () -> irsfTestAlerts(both) == 1);
            String sameRun = "run = 'rules:" + same + "' AND subscriber = '" + both + "'";
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE " + sameRun + " AND rule_id = 'IRSF-002'"
                    + " AND agrees AND champion_action = action AND champion_action <> 'NONE'"
                    + " AND rule_set = '2026.12.7-same'")).as("the same rules decide alike, matched on the event").isEqualTo(1);
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE " + sameRun + " AND NOT agrees")).isZero();
            assertThat(system.bean(io.micrometer.core.instrument.MeterRegistry.class).find("ringfence.shadow.rules.failed")
                    .counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum())
                    .as("the throw was counted").isGreaterThanOrEqualTo(1);

            // A lower threshold replaces it in shadow: it decides on a line the live rules leave alone.
            String lower = shadowedRules(path, "{\"version\":\"2026.12.7-lower\",\"parameters\":"
                    + "{\"irsf.minCallsAfterTest\":2}}");
            String alone = msisdn();
            processed(testCallThenHighCost(alone, "+88213500001", 2));
            String lowerRun = "run = 'rules:" + lower + "' AND subscriber = '" + alone + "'";
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE " + lowerRun + " AND rule_id = 'IRSF-002'"
                    + " AND champion_action = 'NONE' AND action <> 'NONE' AND NOT agrees"))
                    .as("the challenger decided where the live rules did not").isEqualTo(1);
            assertThat(irsfTestAlerts(alone)).as("no alert of the challenger is stored as live").isZero();
            // By rule: at night the live anomaly model may rightly decide on the same line (two long satellite calls).
            assertThat(count("SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION' AND payload LIKE '%" + alone
                    + "%' AND payload::jsonb #>> '{explanation,ruleId}' = 'IRSF-002'"))
                    .as("nothing it decided is a decision of record, nor sent").isZero();
            assertThat(api.get("analyst1", "/api/v1/live/rules/parameters").json().path("parameters")
                    .path("irsf.minCallsAfterTest").asText()).as("the live threshold is untouched").isEqualTo("3");

            JsonNode report = api.get("compliance1", "/api/v1/shadow").json();
            JsonNode run = report.path("ruleSet");
            assertThat(run.path("changeId").asText()).as(report.toString()).isEqualTo(lower);
            assertThat(run.path("version").asText()).isEqualTo("2026.12.7-lower");
            assertThat(run.path("totals").path("decisions").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(run.path("totals").path("challengerCases").asLong()
                    + run.path("totals").path("challengerBlocks").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(report.path("challengers").findValuesAsText("kind")).contains("rules");

            Api.Reply end = api.post("analyst1", "/api/v1/changes/shadow/rules/end", "{\"summary\":\"seen enough\"}");
            assertThat(end.status()).as(end.body()).isEqualTo(201);
            assertThat(api.post("analyst2", "/api/v1/changes/" + end.json().path("changeId").asText() + "/approve", "{}")
                    .status()).isEqualTo(200);
            assertThat(api.get("analyst1", "/api/v1/shadow").json().path("ruleSet").isNull()).isTrue();
            String after = msisdn();
            processed(testCallThenHighCost(after, "+88213500001", 2));
            processed(voice(msisdn(), "+447700900001", Instant.now(), 30)); // a later batch: the switch is behind it
            assertThat(count("SELECT count(*) FROM shadow_decision WHERE subscriber = '" + after + "'"))
                    .as("an ended run decides nothing more").isZero();
        } finally {
            for (JsonNode c : api.get("analyst1", "/api/v1/changes?kind=rules&status=pending").json()) {
                api.post("analyst1", "/api/v1/changes/" + c.path("changeId").asText() + "/withdraw", "");
            }
            if (!api.get("analyst1", "/api/v1/shadow").json().path("ruleSet").isNull()) {
                String end = api.post("analyst1", "/api/v1/changes/shadow/rules/end", "{}").json().path("changeId").asText();
                api.post("analyst2", "/api/v1/changes/" + end + "/approve", "{}");
            }
        }
    }

    /** Submits rule parameters for shadow and has a second person approve them; the live rules stay as they are. */
    private String shadowedRules(String path, String body) throws Exception {
        String liveBefore = api.get("analyst1", "/api/v1/live").json().path("rules").path("inForceVersion").asText();
        Api.Reply submitted = api.post("analyst1", path, body);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().path("operation").asText()).isEqualTo("SHADOW");
        String id = submitted.json().path("changeId").asText();
        Api.Reply approved = api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live").json().path("rules").path("inForceVersion").asText())
                .as("in shadow, not live").isEqualTo(liveBefore);
        // The stream takes the shadow up between batches: an event after the approval is decided by both sides.
        processed(voice(msisdn(), "+447700900001", Instant.now(), 30));
        return id;
    }

    /** Submits the table for shadow, restating the scenarios it decides otherwise, and has a second person approve it. */
    private String shadowed(String dmn, String version, List<String> restate) throws Exception {
        Api.Reply submitted = api.post("analyst1", "/api/v1/changes/decision-model?version=" + version + "&mode=shadow",
                MULTIPART, restating(dmn, String.join("\n", restate)));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(submitted.json().path("operation").asText()).isEqualTo("SHADOW");
        String id = submitted.json().path("changeId").asText();
        assertThat(api.post("analyst2", "/api/v1/changes/" + id + "/approve", "{}").status()).isEqualTo(200);
        assertThat(api.get("analyst1", "/api/v1/live").json().path("decision-model").path("changeId").asText())
                .as("in shadow, not live").isNotEqualTo(id);
        return id;
    }

    @Test
    void aDecisionModelIsRejectedWithdrawnOrApprovedAndOtherInstancesFollow() throws Exception {
        byte[] dmn;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/ringfence/decision/disposition.dmn")) {
            dmn = in.readAllBytes();
        }
        String first = api.post("analyst1", "/api/v1/changes/decision-model?version=dmn-gov-1", "application/xml", dmn)
                .json().path("changeId").asText();
        assertThat(api.post("analyst2", "/api/v1/changes/" + first + "/reject", "{}").json().path("field").asText())
                .as("a rejection says why").isEqualTo("note");
        Api.Reply rejected = api.post("analyst2", "/api/v1/changes/" + first + "/reject", "{\"note\":\"no test evidence\"}");
        assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
        assertThat(api.post("supervisor1", "/api/v1/changes/" + first + "/approve", "{}").status())
                .as("a rejected change stays rejected").isEqualTo(409);
        assertThat(audit("CHANGE_REJECTED", first)).isEqualTo("analyst2");

        String second = api.post("analyst1", "/api/v1/changes/decision-model?version=dmn-gov-2", "application/xml", dmn)
                .json().path("changeId").asText();
        assertThat(api.post("analyst2", "/api/v1/changes/" + second + "/withdraw", "").status())
                .as("only the author withdraws").isEqualTo(403);
        assertThat(api.post("analyst1", "/api/v1/changes/" + second + "/withdraw", "").json().path("status").asText())
                .isEqualTo("WITHDRAWN");
        JsonNode pending = api.get("compliance1", "/api/v1/changes?kind=decision-model&status=pending").json();
        assertThat(pending.size()).isZero();

        // Another instance approved a decision model: this one loads it at its next sync.
        UUID elsewhere = UUID.randomUUID();
        try (Connection c = connect()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_change (change_id, kind, target, operation, "
                    + "version, content, content_sha256, status, author, submitted_at, reviewer, reviewed_at) VALUES "
                    + "(?, 'DECISION_MODEL', 'decision-model', 'DEPLOY', 'dmn-elsewhere', ?, 'x', 'APPROVED', 'analyst1', now(), "
                    + "'supervisor2', now())")) {
                ps.setObject(1, elsewhere);
                ps.setBytes(2, dmn);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_live (kind, change_id, revision, since, set_by, how) "
                    + "VALUES ('DECISION_MODEL', ?, 100, now(), 'supervisor2', 'APPROVED') ON CONFLICT (kind) DO UPDATE SET "
                    + "change_id = excluded.change_id, revision = 100")) {
                ps.setObject(1, elsewhere);
                ps.executeUpdate();
            }
        }
        await("this instance follows asset_live", () -> "dmn-elsewhere".equals(
                api.get("analyst1", "/api/v1/live").json().path("decision-model").path("inForceVersion").asText()));
        assertThat(api.get("analyst1", "/api/v1/live").json().path("decision-model").path("inForceRevision").asLong())
                .isEqualTo(100);

        // A version that does not load here (a model the feature schema no longer fits, say) is reported,
        // and the instance keeps what it runs.
        String scoring = api.get("analyst1", "/api/v1/live").json().path("scoring-model").path("inForceVersion").asText();
        UUID broken = UUID.randomUUID();
        try (Connection c = connect()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_change (change_id, kind, target, operation, "
                    + "content, content_sha256, status, author, submitted_at, reviewer, reviewed_at) VALUES "
                    + "(?, 'SCORING_MODEL', 'scoring-model', 'DEPLOY', ?, 'x', 'APPROVED', 'analyst1', now(), 'supervisor2', now())")) {
                ps.setObject(1, broken);
                ps.setBytes(2, "<PMML version=\"4.4\"/>".getBytes(StandardCharsets.UTF_8));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO asset_live (kind, change_id, revision, since, set_by, how) "
                    + "VALUES ('SCORING_MODEL', ?, 7, now(), 'supervisor2', 'APPROVED')")) {
                ps.setObject(1, broken);
                ps.executeUpdate();
            }
        }
        await("the broken version is reported", () -> !api.get("analyst1", "/api/v1/live").json().path("scoring-model")
                .path("problem").isNull());
        JsonNode kept = api.get("analyst1", "/api/v1/live").json().path("scoring-model");
        assertThat(kept.path("problem").asText()).contains("revision 7").contains("does not load here");
        assertThat(kept.path("inForceVersion").asText()).isEqualTo(scoring);
        assertThat(kept.path("revision").asLong()).isEqualTo(7);
    }

    @Test
    void aHotListEditWaitsForItsApproval() throws Exception {
        String b = msisdn();
        Api.Reply submitted = api.send("analyst1", "POST", "/api/v1/hotlists/deny", "text/csv",
                ("value,note\n" + b + ",premium-rate scam\n").getBytes(StandardCharsets.UTF_8));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
        String id = submitted.json().path("changeId").asText();
        assertThat(screen(b)).as("not on the list before its approval").isEqualTo("ALLOW");

        Api.Reply bad = api.send("analyst1", "POST", "/api/v1/hotlists/deny", "text/csv",
                "value,note\n12345,nope\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("line").asInt()).isEqualTo(2);
        assertThat(api.send("analyst1", "POST", "/api/v1/hotlists/nope", "text/csv",
                "value,note\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(404);

        Api.Reply approved = api.post("supervisor1", "/api/v1/changes/" + id + "/approve", "{}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().path("appliedAt").isNull()).as("in Redis once approved").isFalse();
        assertThat(screen(b)).isEqualTo("DENY");
        assertThat(api.get("compliance1", "/api/v1/changes/" + id + "/content").body()).contains(b);

        String removal = api.send("supervisor1", "DELETE", "/api/v1/hotlists/deny/" + b, null, null).json()
                .path("changeId").asText();
        assertThat(screen(b)).as("a removal also waits").isEqualTo("DENY");
        assertThat(api.post("analyst2", "/api/v1/changes/" + removal + "/approve", "{}").status()).isEqualTo(200);
        assertThat(screen(b)).isEqualTo("ALLOW");
        assertThat(audit("CHANGE_APPROVED", removal)).isEqualTo("analyst2");
    }

    private String screen(String b) {
        Api.Reply r = api.get("switch1", "/api/v1/screen?a=%2B447700900001&b=" + b.replace("+", "%2B") + "&type=VOICE");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("verdict").asText();
    }

    private String call(String subscriber) throws Exception {
        String id = "gov-" + UUID.randomUUID();
        String json = "{\"eventId\":\"" + id + "\",\"type\":\"VOICE\",\"timestamp\":\"" + Instant.now() + "\",\"subscriber\":\""
                + subscriber + "\",\"direction\":\"MO\",\"aNumber\":\"" + subscriber + "\",\"bNumber\":\"" + WATCHED
                + "\",\"answered\":true,\"ringSeconds\":5.0,\"durationSeconds\":" + MARK_SECONDS + ",\"roaming\":false}";
        producer.send(new ProducerRecord<>("telecom.events", subscriber, json)).get();
        return id;
    }

    /** Waits until the event's batch committed: what it raised is then in alert_record. */
    private void processed(String eventId) throws Exception {
        await("event " + eventId + " committed", () -> count("SELECT count(*) FROM event_history WHERE event_id = '"
                + eventId + "'") == 1);
    }

    private long alerts(String subscriber) throws SQLException {
        return count("SELECT count(*) FROM alert_record WHERE rule_id = 'GOV-TEST-001' AND subscriber = '" + subscriber + "'");
    }

    private String auditDetail(String action, String subject) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM audit_entry WHERE entry_kind = 'ACTION' AND action = ? AND decision_id = ?")) {
            ps.setString(1, action);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(action + " of " + subject + " in the trail").isTrue();
                return rs.getString(1);
            }
        }
    }

    private String audit(String action, String subject) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT actor FROM audit_entry WHERE entry_kind = 'ACTION' AND action = ? AND decision_id = ? AND target_kind = 'ASSET'")) {
            ps.setString(1, action);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
    }

    private static String msisdn() {
        return "+" + NUMBERS.incrementAndGet();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.sleep(200);
        }
    }
}
