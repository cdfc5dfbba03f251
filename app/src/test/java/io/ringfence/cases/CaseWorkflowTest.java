package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.RingfenceApplication;
import io.ringfence.embedded.EmbeddedServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole case flows through the API, as handlers and supervisors work them, against real PostgreSQL,
 * Kafka and Redis: cases opened from decisions on {@code fraud.decisions}, blocks and lifts sent back
 * to the switches, refund orders to billing, four eyes, SLA escalation, and a restart mid-case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaseWorkflowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NUMBERS = new AtomicLong(447700900000L);
    private static final String DECISIONS = "fraud.decisions";
    private static final String REFUNDS = "billing.refunds";

    private EmbeddedServers servers;
    private ConfigurableApplicationContext service;
    private Api api;

    @BeforeAll
    void start() {
        servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts", DECISIONS, REFUNDS);
        service = startService("PT2S", "PT1S");
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        servers.close();
    }

    private ConfigurableApplicationContext startService(String slaOverride, String slaCheck) {
        Map<String, Object> p = new HashMap<>();
        p.put("ringfence.embedded.enabled", "false");
        p.put("ringfence.demo.enabled", "false");
        p.put("server.port", "0");
        p.put("ringfence.grpc.port", "0");
        p.put("ringfence.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
        p.put("spring.datasource.url", servers.jdbcUrl());
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "postgres");
        p.put("spring.data.redis.host", "127.0.0.1");
        p.put("spring.data.redis.port", servers.redisPort());
        p.put("ringfence.cases.sla-override", slaOverride);
        p.put("ringfence.cases.sla-check", slaCheck);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RingfenceApplication.class).properties(p).run();
        api = new Api(ctx.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        return ctx;
    }

    @Test
    @Order(1)
    void confirmedFraudWithASmallRefund() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);

        String triage = task("handler1", caseId, "Triage");
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks WHERE id = ?", triage))
                .as("the open task is in PostgreSQL, not in memory").isEqualTo(1);
        Api.Reply claimed = api.post("handler1", "/api/v1/tasks/" + triage + "/claim", "");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.json().path("task").path("owner").asText()).isEqualTo("handler1");
        Api.Reply other = api.post("handler2", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"FALSE_POSITIVE\"}");
        assertThat(other.status()).as("a task claimed by a colleague").isIn(404, 409);
        complete("handler1", triage, "{\"outcome\":\"CONFIRMED_FRAUD\",\"note\":\"calls match the pattern\"}");

        JsonNode blockDecision = message(DECISIONS, "the block decision", d -> sub.equals(d.path("target").path("value").asText())
                && "BLOCK_SUBSCRIBER".equals(d.path("action").asText()));
        assertThat(blockDecision.path("caseId").asText()).isEqualTo(caseId);
        assertThat(blockDecision.path("decisionModel").asText()).isEqualTo("fraud_case");
        assertThat(count("SELECT count(*) FROM active_block WHERE action = 'BLOCK_SUBSCRIBER' AND target_value = ?", sub))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION' AND decision_id = ? AND actor = 'handler1'",
                blockDecision.path("decisionId").asText())).as("the handler's block is audited in their name").isEqualTo(1);

        complete("handler1", task("handler1", caseId, "CustomerContact"), "{\"note\":\"customer did not make the calls\"}");
        complete("handler1", task("handler1", caseId, "RefundReview"), "{\"amount\":40}");

        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("CONFIRMED_FRAUD");
        assertThat(c.path("fraudCase").path("refundOrderId").asText()).isEqualTo("refund-" + caseId);
        assertThat(actions(c)).containsSubsequence("CASE_OPENED", "TASK_READY", "TASK_RESERVED", "TASK_COMPLETED",
                "BLOCK_ORDERED", "REFUND_ROUTED", "REFUND_ORDERED", "CASE_CLOSED");
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("AUTO");
        JsonNode triaged = historyDetail(c, "TASK_COMPLETED");
        assertThat(triaged.path("outputs").path("outcome").asText()).as("the verdict outlives Kogito's task").isEqualTo("CONFIRMED_FRAUD");
        assertThat(triaged.path("outputs").path("note").asText()).isEqualTo("calls match the pattern");
        JsonNode label = find(lines(api.get("analyst1", "/api/v1/cases/labels").body()),
                l -> ("case-" + caseId).equals(l.path("incidentId").asText()));
        assertThat(label).isNotNull();
        assertThat(label.path("kind").asText()).isEqualTo("FRAUD");

        JsonNode order = message(REFUNDS, "the refund order", r -> caseId.equals(r.path("caseId").asText()));
        assertThat(order.path("amount").decimalValue()).isEqualByComparingTo("40");
        assertThat(order.path("requestedBy").asText()).isEqualTo("handler1");
        assertThat(order.path("subscriber").asText()).isEqualTo(sub);

        assertThat(count("SELECT count(*) FROM audit_entry WHERE case_id = ? AND entry_kind = 'ACTION'", caseId))
                .as("every step of the case is in the audit trail").isEqualTo(c.path("history").size());
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks WHERE id = ?", triage))
                .as("Kogito forgets completed tasks; Ringfence's history keeps them").isZero();
    }

    @Test
    @Order(2)
    void aLargeRefundNeedsASecondSupervisor() {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        complete("supervisor1", task("supervisor1", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        complete("supervisor1", task("supervisor1", caseId, "CustomerContact"), "{\"note\":\"called back\"}");
        complete("supervisor1", task("supervisor1", caseId, "RefundReview"), "{\"amount\":\"500.00\"}");

        String approval = task("supervisor2", caseId, "RefundApproval");
        assertThat(api.get("handler1", "/api/v1/tasks?caseId=" + caseId).json().path("total").asLong())
                .as("a case handler does not see a supervisor's task").isZero();
        assertThat(api.get("supervisor1", "/api/v1/tasks?caseId=" + caseId).json().path("total").asLong())
                .as("nor does the supervisor who asked for the refund").isZero();
        Api.Reply same = api.post("supervisor1", "/api/v1/tasks/" + approval + "/complete", "{\"approved\":true}");
        assertThat(same.status()).as("the requester approving their own refund").isEqualTo(403);
        assertThat(same.contentType()).startsWith("application/problem+json");
        assertThat(same.json().path("detail").asText()).contains("four eyes");
        assertThat(awaitCase(caseId, v -> true).path("fraudCase").path("status").asText()).isEqualTo("OPEN");

        complete("supervisor2", approval, "{\"approved\":true,\"note\":\"checked the usage\"}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("refundRequestedBy").asText()).isEqualTo("supervisor1");
        assertThat(c.path("fraudCase").path("refundApprovedBy").asText()).isEqualTo("supervisor2");
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("APPROVAL");
        message(REFUNDS, "the approved refund", r -> caseId.equals(r.path("caseId").asText())
                && "supervisor2".equals(r.path("approvedBy").asText()));
    }

    @Test
    @Order(3)
    void aFalsePositiveLiftsTheBlockAndBecomesALabel() throws Exception {
        String sub = msisdn();
        String blockId = UUID.randomUUID().toString();
        // The stream blocked the line and asked for a case: the block is in force and mirrored for screening.
        execute("INSERT INTO active_block (action, target_kind, target_value, decision_id, set_at, expires_at, case_opened)"
                + " VALUES ('BLOCK_SUBSCRIBER', 'SUBSCRIBER', ?, ?, now(), now() + interval '1 day', true)", sub, blockId);
        String mirrorKey = "rf:block:BLOCK_SUBSCRIBER:SUBSCRIBER:" + sub;
        try (Jedis redis = new Jedis("127.0.0.1", servers.redisPort())) {
            redis.set(mirrorKey, blockId);
        }
        String caseId = openCase("BLOCK_SUBSCRIBER", "SUBSCRIBER", sub, sub);

        complete("handler2", task("handler2", caseId, "Triage"), "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"travelling customer\"}");

        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(c.path("fraudCase").path("lifted").asText()).isEqualTo(blockId);
        assertThat(actions(c)).contains("BLOCKS_LIFTED").doesNotContain("BLOCK_ORDERED");
        assertThat(count("SELECT count(*) FROM active_block WHERE target_value = ?", sub)).isZero();
        try (Jedis redis = new Jedis("127.0.0.1", servers.redisPort())) {
            assertThat(redis.exists(mirrorKey)).as("screening no longer denies the line").isFalse();
        }
        message(DECISIONS, "the ALLOW decision that tells the switches", d -> sub.equals(d.path("target").path("value").asText())
                && "ALLOW".equals(d.path("action").asText()) && caseId.equals(d.path("caseId").asText()));

        Api.Reply labels = api.get("analyst1", "/api/v1/cases/labels");
        assertThat(labels.status()).isEqualTo(200);
        JsonNode label = find(lines(labels.body()), l -> ("case-" + caseId).equals(l.path("incidentId").asText()));
        assertThat(label).as("the verdict is exported as a label").isNotNull();
        assertThat(label.path("kind").asText()).isEqualTo("LOOKALIKE");
        assertThat(label.path("subjectValue").asText()).isEqualTo(sub);
        assertThat(api.get("handler1", "/api/v1/cases/labels").status()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void needingMoreInformationGoesBackToTriageAndBadFormsAreRefused() {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");

        Api.Reply noNote = api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"NEEDS_INFO\"}");
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.contentType()).startsWith("application/problem+json");
        assertThat(noNote.json().path("field").asText()).isEqualTo("note");
        Api.Reply badOutcome = api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"MAYBE\"}");
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(badOutcome.json().path("field").asText()).isEqualTo("outcome");

        complete("handler1", triage, "{\"outcome\":\"NEEDS_INFO\",\"note\":\"ask the roaming partner for the VLR trace\"}");
        String again = task("handler1", caseId, "Triage");
        assertThat(again).isNotEqualTo(triage);
        complete("handler1", again, "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        String review = task("handler1", caseId, "CustomerContact");
        complete("handler1", review, "{\"note\":\"left a message\"}");
        String refund = task("handler1", caseId, "RefundReview");
        Api.Reply negative = api.post("handler1", "/api/v1/tasks/" + refund + "/complete", "{\"amount\":-5}");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("field").asText()).isEqualTo("amount");
        complete("handler1", refund, "{\"amount\":0}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(historyDetail(c, "REFUND_ROUTED").path("route").asText()).isEqualTo("NONE");
        assertThat(actions(c)).doesNotContain("REFUND_ORDERED");
    }

    @Test
    @Order(5)
    void anOverdueTriageEscalatesToSupervisorsWhoCanTakeItOver() throws Exception {
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");
        assertThat(api.post("handler1", "/api/v1/tasks/" + triage + "/claim", "").status()).isEqualTo(200);
        JsonNode escalated = await("the triage escalated", () -> api.get("supervisor1", "/api/v1/tasks/" + triage).json(),
                v -> !v.path("task").path("escalatedAt").isNull());
        assertThat(escalated.path("task").path("groups").toString()).contains("supervisor");
        assertThat(count("SELECT count(*) FROM jbpm_user_tasks_potential_groups WHERE task_id = ? AND group_id = 'supervisor'",
                triage)).as("Kogito's task now admits supervisors too; " + awaitCase(caseId, v -> true).path("history"))
                .isEqualTo(1);
        assertThat(api.get("supervisor1", "/api/v1/tasks?escalated=true&caseId=" + caseId).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(actions(awaitCase(caseId, v -> true))).contains("TASK_ESCALATED");

        // handler1 sits on it: a colleague may not take it, a supervisor may hand it on.
        assertThat(api.post("handler2", "/api/v1/tasks/" + triage + "/delegate", "{\"to\":\"handler2\"}").status())
                .as("another handler's task is not theirs to see").isEqualTo(404);
        Api.Reply handedOn = api.post("supervisor1", "/api/v1/tasks/" + triage + "/delegate", "{\"to\":\"handler2\"}");
        assertThat(handedOn.status()).as(handedOn.body()).isEqualTo(200);
        assertThat(handedOn.json().path("task").path("owner").asText()).isEqualTo("handler2");
        assertThat(api.post("handler1", "/api/v1/tasks/" + triage + "/complete", "{\"outcome\":\"FALSE_POSITIVE\"}").status())
                .as("no longer handler1's").isIn(404, 409);
        Api.Reply released = api.post("handler2", "/api/v1/tasks/" + triage + "/release", "");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().path("task").path("owner").isNull()).isTrue();
        complete("handler2", triage, "{\"outcome\":\"FALSE_POSITIVE\",\"note\":\"known traveller\"}");
        JsonNode closed = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(actions(closed)).contains("TASK_DELEGATED", "NOTHING_TO_LIFT");
    }

    @Test
    @Order(6)
    void identityComesFromTheSignInNeverFromAParameter() {
        Api.Reply anonymous = api.get(null, "/api/v1/tasks");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        String triage = task("handler1", caseId, "Triage");
        Api.Reply impersonating = api.post("handler2", "/api/v1/tasks/" + triage + "/claim?user=handler1&group=case-handler", "");
        assertThat(impersonating.status()).isEqualTo(200);
        assertThat(impersonating.json().path("task").path("owner").asText()).isEqualTo("handler2");

        Api.Reply compliance = api.post("compliance1", "/api/v1/cases", "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"+447700000001\"},"
                + "\"typology\":\"SIM_SWAP\",\"note\":\"x\"}");
        assertThat(compliance.status()).as("a compliance officer does not open cases").isEqualTo(403);
        Api.Reply badKind = api.post("analyst1", "/api/v1/cases", "{\"target\":{\"kind\":\"PLANET\",\"value\":\"mars\"},"
                + "\"typology\":\"SIM_SWAP\",\"note\":\"x\"}");
        assertThat(badKind.status()).isEqualTo(400);
        String manualSub = msisdn();
        Api.Reply opened = api.post("analyst1", "/api/v1/cases", "{\"target\":{\"kind\":\"SUBSCRIBER\",\"value\":\"" + manualSub
                + "\"},\"subscriber\":\"" + manualSub + "\",\"typology\":\"SIM_SWAP\",\"severity\":\"HIGH\",\"note\":\"call centre report\"}");
        assertThat(opened.status()).isEqualTo(201);
        String manual = opened.json().path("caseId").asText();
        assertThat(opened.json().path("openedBy").asText()).isEqualTo("analyst1");
        assertThat(task("handler1", manual, "Triage")).isNotBlank();
    }

    @Test
    @Order(7)
    void aRestartInTheMiddleOfACaseResumesWhereItWas() throws Exception {
        service.close();
        // No SLA check runs in this life of the service: the deadline must outlive it.
        service = startService("PT2S", "PT1H");
        String sub = msisdn();
        String caseId = openCase("OPEN_CASE", "SUBSCRIBER", sub, sub);
        complete("handler1", task("handler1", caseId, "Triage"), "{\"outcome\":\"CONFIRMED_FRAUD\"}");
        String contact = task("handler1", caseId, "CustomerContact");
        String late = msisdn();
        String lateCase = openCase("OPEN_CASE", "SUBSCRIBER", late, late);
        String lateTriage = task("handler1", lateCase, "Triage");
        Thread.sleep(2500);
        assertThat(api.get("handler1", "/api/v1/tasks/" + lateTriage).json().path("task").path("escalatedAt").isNull()).isTrue();
        service.close();

        service = startService("PT2S", "PT1S");
        assertThat(task("handler1", caseId, "CustomerContact")).as("the same task, still open").isEqualTo(contact);
        complete("handler1", contact, "{\"note\":\"reached after the restart\"}");
        complete("handler1", task("handler1", caseId, "RefundReview"), "{\"amount\":0}");
        JsonNode c = awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
        assertThat(c.path("fraudCase").path("outcome").asText()).isEqualTo("CONFIRMED_FRAUD");
        await("the deadline that fell due while the service was down escalates", () -> api.get("handler1",
                "/api/v1/tasks/" + lateTriage).json(), v -> !v.path("task").path("escalatedAt").isNull());
    }

    // --- helpers

    private String openCase(String action, String kind, String target, String subscriber) {
        String decisionId = UUID.randomUUID().toString();
        String decision = "{\"decisionId\":\"" + decisionId + "\",\"alertIds\":[\"" + UUID.randomUUID() + "\"],"
                + "\"action\":\"" + action + "\",\"target\":{\"kind\":\"" + kind + "\",\"value\":\"" + target + "\"},"
                + "\"reason\":\"SIM_SWAP\",\"priority\":1,\"decisionModel\":\"disposition\",\"decisionModelVersion\":\"test\","
                + "\"openCase\":true,\"caseQueue\":\"account-takeover\",\"caseSlaMinutes\":15,\"subscriber\":\"" + subscriber
                + "\",\"decidedAt\":\"2026-11-26T10:00:00Z\",\"explanation\":{\"ruleId\":\"SWAP-001\",\"rulesFired\":[\"SWAP-001\"],"
                + "\"severity\":\"HIGH\",\"figures\":{},\"ruleSet\":\"test\",\"rows\":[]}}";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(DECISIONS, target, decision));
            // Delivered twice, as at-least-once delivery may: still one case.
            producer.send(new ProducerRecord<>(DECISIONS, target, decision));
        }
        JsonNode page = await("a case for decision " + decisionId, () -> api.get("handler1",
                "/api/v1/cases?subscriber=" + enc(subscriber)).json(), v -> v.path("total").asLong() >= 1);
        for (JsonNode c : page.path("items")) {
            if (decisionId.equals(c.path("decisionId").asText())) {
                assertThat(count("SELECT count(*) FROM fraud_case WHERE decision_id = ?", decisionId)).isEqualTo(1);
                return c.path("caseId").asText();
            }
        }
        throw new AssertionError("no case for decision " + decisionId + ": " + page);
    }

    private String task(String user, String caseId, String name) {
        JsonNode page = await(name + " of case " + caseId, () -> api.get(user, "/api/v1/tasks?caseId=" + caseId + "&name=" + name).json(),
                v -> v.path("total").asLong() == 1);
        return page.path("items").get(0).path("taskId").asText();
    }

    private void complete(String user, String taskId, String form) {
        Api.Reply r = api.post(user, "/api/v1/tasks/" + taskId + "/complete", form);
        assertThat(r.status()).as("completing " + taskId + " as " + user + ": " + r.body()).isEqualTo(200);
        assertThat(r.json().path("task").path("completedBy").asText()).isEqualTo(user);
    }

    private JsonNode awaitCase(String caseId, Predicate<JsonNode> done) {
        return await("case " + caseId, () -> api.get("handler1", "/api/v1/cases/" + caseId).json(), done);
    }

    private static List<String> actions(JsonNode caseView) {
        List<String> out = new ArrayList<>();
        caseView.path("history").forEach(h -> out.add(h.path("action").asText()));
        return out;
    }

    private static JsonNode historyDetail(JsonNode caseView, String action) {
        for (JsonNode h : caseView.path("history")) {
            if (action.equals(h.path("action").asText())) {
                try {
                    return JSON.readTree(h.path("detail").asText());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        throw new AssertionError("no " + action + " in " + caseView.path("history"));
    }

    /** The first message on the topic that matches, waiting for the outbox to publish it. */
    private JsonNode message(String topic, String what, Predicate<JsonNode> match) {
        List<JsonNode> all = await(what + " on " + topic, () -> messages(topic), m -> find(m, match) != null);
        return find(all, match);
    }

    private List<JsonNode> messages(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(300))) {
                    try {
                        out.add(JSON.readTree(r.value()));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return out;
    }

    private static List<JsonNode> lines(String ndjson) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : ndjson.split("\n")) {
            if (!l.isBlank()) {
                try {
                    out.add(JSON.readTree(l));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    private static JsonNode find(List<JsonNode> items, Predicate<JsonNode> p) {
        return items.stream().filter(p).findFirst().orElse(null);
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < until) {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
    }

    private long count(String sql, Object... args) {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private void execute(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static String msisdn() {
        return "+" + NUMBERS.incrementAndGet();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
