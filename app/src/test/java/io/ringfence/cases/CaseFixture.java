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
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
 * The service on real PostgreSQL, Kafka and Redis, and what the case tests do with it: decisions produced on
 * {@code fraud.decisions}, tasks found and completed through the API as the demo users, cases, messages and
 * rows awaited and counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CaseFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong NUMBERS = new AtomicLong(447700900000L);
    static final String DECISIONS = "fraud.decisions";
    static final String REFUNDS = "billing.refunds";
    static final String ACKS = "billing.refunds.acks";
    static final String ACKS_DLQ = "billing.refunds.acks.dlq";

    EmbeddedServers servers;
    ConfigurableApplicationContext service;
    Api api;

    @BeforeAll
    void start() {
        servers = EmbeddedServers.start(1, "telecom.events", "telecom.events.dlq", "fraud.alerts", DECISIONS, REFUNDS, ACKS,
                ACKS_DLQ);
        service = startService("PT2S", "PT1S");
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        servers.close();
    }

    /** Settings a test class adds to, or changes in, the service it starts. */
    Map<String, Object> settings() {
        return Map.of();
    }

    ConfigurableApplicationContext startService(String slaOverride, String slaCheck) {
        Map<String, Object> p = new HashMap<>();
        p.put("ringfence.embedded.enabled", "false");
        // Demo users on servers the test started itself: only the demo profile allows that (DemoOnlyOnItsOwnServers).
        p.put("spring.profiles.active", "demo");
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
        p.putAll(settings());
        // As arguments, all of them: default properties rank below application.properties, which sets some of
        // these keys (sla-check, the gRPC port, the refund limits) and would quietly win.
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(RingfenceApplication.class).run(args);
        api = new Api(ctx.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
        return ctx;
    }

    // --- helpers

    String openCase(String action, String kind, String target, String subscriber) {
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

    /** Billing's answer to a refund order, as billing sends it. */
    void billing(String ack) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(ACKS, "billing", ack));
        }
    }

    /** Billing credits the case's refund: the refund step completes and the case closes. */
    JsonNode refundApplied(String caseId) {
        billing("{\"refundId\":\"refund-" + caseId + "\",\"status\":\"APPLIED\",\"reference\":\"CR-" + caseId
                + "\",\"at\":\"2026-11-26T11:00:00Z\"}");
        return awaitCase(caseId, v -> "CLOSED".equals(v.path("fraudCase").path("status").asText()));
    }

    /** The records on a dead-letter topic, each with the reason in its header. */
    Map<String, String> deadLetters(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, String> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(300))) {
                    var reason = r.headers().lastHeader("ringfence.reason");
                    out.put(r.value(), reason == null ? null : new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    String task(String user, String caseId, String name) {
        JsonNode page = await(name + " of case " + caseId, () -> api.get(user, "/api/v1/tasks?caseId=" + caseId + "&name=" + name).json(),
                v -> v.path("total").asLong() == 1);
        return page.path("items").get(0).path("taskId").asText();
    }

    void complete(String user, String taskId, String form) {
        Api.Reply r = api.post(user, "/api/v1/tasks/" + taskId + "/complete", form);
        assertThat(r.status()).as("completing " + taskId + " as " + user + ": " + r.body()).isEqualTo(200);
        assertThat(r.json().path("task").path("completedBy").asText()).isEqualTo(user);
    }

    JsonNode awaitCase(String caseId, Predicate<JsonNode> done) {
        return await("case " + caseId, () -> api.get("handler1", "/api/v1/cases/" + caseId).json(), done);
    }

    static List<String> actions(JsonNode caseView) {
        List<String> out = new ArrayList<>();
        caseView.path("history").forEach(h -> out.add(h.path("action").asText()));
        return out;
    }

    static JsonNode historyDetail(JsonNode caseView, String action) {
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
    JsonNode message(String topic, String what, Predicate<JsonNode> match) {
        List<JsonNode> all = await(what + " on " + topic, () -> messages(topic), m -> find(m, match) != null);
        return find(all, match);
    }

    List<JsonNode> messages(String topic) {
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

    static List<JsonNode> lines(String ndjson) {
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

    static JsonNode find(List<JsonNode> items, Predicate<JsonNode> p) {
        return items.stream().filter(p).findFirst().orElse(null);
    }

    static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
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

    long count(String sql, Object... args) {
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

    void execute(String sql, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    static String msisdn() {
        return "+" + NUMBERS.incrementAndGet();
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
