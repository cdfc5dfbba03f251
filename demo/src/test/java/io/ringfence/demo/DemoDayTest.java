package io.ringfence.demo;

import io.ringfence.stream.KafkaSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's run command, small: the service starts on real embedded Kafka, PostgreSQL and Redis, the
 * demo feeds a simulated day to {@code telecom.events}, and alerts and decisions come out on Kafka and
 * in the audit trail; a malformed record goes to the dead-letter topic with its reason.
 */
@DemoRun
class DemoDayTest {
    /** The dead-letter header that carries the reason (docs/streaming.md). */
    private static final String REASON = "ringfence.reason";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    KafkaSettings kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void theNightlyRetentionRunLeavesTheDemosMonthsOldDayAlone() {
        // CI's console journeys once found the demo's history gone: the run crossed 03:17, retention's hour.
        assertThat(environment.getProperty("ringfence.retention.cron")).isEqualTo("-");
    }

    @Test
    void aSimulatedDayFlowsToDecisionsOnKafkaAndIntoTheAuditTrail() throws Exception {
        // Its own id: other tests of the shared system may send dead letters of their own.
        byte[] bad = ("{\"eventId\":\"demo-day-" + UUID.randomUUID() + "\",\"type\":\"FAX\"}").getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
            producer.send(new ProducerRecord<>(kafka.topics().events(), "+447700900123".getBytes(StandardCharsets.UTF_8), bad)).get();
        }

        await(Duration.ofSeconds(120), () -> count("SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION'") >= 5
                && count("SELECT count(*) FROM outbox") == 0);

        List<ConsumerRecord<byte[], byte[]>> decisions = read(kafka.bootstrapServers(), kafka.topics().decisions(), 5);
        assertThat(decisions).hasSizeGreaterThanOrEqualTo(5);
        for (ConsumerRecord<byte[], byte[]> r : decisions) {
            JsonNode d = JSON.readTree(r.value());
            assertThat(d.path("decisionId").asText()).isNotBlank();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(d.path("target").path("value").asText());
            // Once as a DECISION; a decision that opened a case also has the case's ACTION entries.
            assertThat(count("SELECT count(*) FROM audit_entry WHERE entry_kind = 'DECISION' AND decision_id = '"
                    + d.path("decisionId").asText() + "'"))
                    .as("every published decision is in the audit trail").isEqualTo(1);
        }
        assertThat(read(kafka.bootstrapServers(), kafka.topics().alerts(), 1)).isNotEmpty();

        ConsumerRecord<byte[], byte[]> dead = first(kafka.bootstrapServers(), kafka.topics().deadLetter(),
                r -> Arrays.equals(r.value(), bad));
        assertThat(new String(dead.headers().lastHeader(REASON).value(), StandardCharsets.UTF_8)).contains("FAX");

        assertThat(count("SELECT count(*) FROM event_history")).isPositive();
        assertThat(count("SELECT count(*) FROM ingest_offset")).isPositive();

        // Probes and the scrape need no sign-in, and say nothing about subscribers or components.
        ResponseEntity<String> health = http.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(health.getBody()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("details");
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode().value()).isEqualTo(200);
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("ringfence_events_in_total").contains("ringfence_decisions_total")
                .contains("ringfence_events_rejected_total").contains("ringfence_decision_latency_seconds_bucket")
                .containsPattern("ringfence_alerts_total\\{[^}]*typology=\"[A-Z_]+\"");
        // The demo's subscribers are +4477... numbers: no label value may carry a phone number (or an IMSI or IMEI).
        assertThat(metrics).doesNotContainPattern("=\"\\+?\\d{8,}\"");
        assertThat(http.getForEntity("/actuator/info", String.class).getStatusCode().value())
                .as("other actuator endpoints need a sign-in").isEqualTo(401);
        assertThat(http.withBasicAuth("analyst1", "ringfence-demo").getForEntity("/actuator/info", String.class)
                .getStatusCode().value()).as("and the admin role").isEqualTo(403);
        assertThat(http.withBasicAuth("admin1", "ringfence-demo").getForEntity("/actuator/info", String.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    /** From the beginning of the topic, until at least {@code atLeast} records or 30 seconds. */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = fromTheStart(bootstrap)) {
            c.subscribe(List.of(topic));
            long until = System.currentTimeMillis() + 30_000;
            while (out.size() < atLeast && System.currentTimeMillis() < until) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** The first record of the topic that matches, waiting up to 30 s for it. */
    static ConsumerRecord<byte[], byte[]> first(String bootstrap, String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
        try (KafkaConsumer<byte[], byte[]> c = fromTheStart(bootstrap)) {
            c.subscribe(List.of(topic));
            long until = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < until) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no such record on " + topic + " within 30 s");
    }

    private static KafkaConsumer<byte[], byte[]> fromTheStart(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(until);
            Thread.sleep(250);
        }
    }
}
