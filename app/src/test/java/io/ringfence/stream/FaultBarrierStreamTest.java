package io.ringfence.stream;

import io.ringfence.ingest.EventJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringfence.detection.RuleParameters;
import io.ringfence.detection.RuleSet;
import io.ringfence.detection.RuleSetCompiler;
import io.ringfence.event.TelecomEvent;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ringfence.stream.TestKafka.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault barrier in the streaming service, against the real broker, database and Redis: two events in
 * the middle of a simulated day make the engine throw (test-only rules, one in a consequence and one in a
 * constraint). They go to the dead-letter topic with the stage and the rule; every other event of the day is
 * made durable exactly once, and events after them are still decided.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ringfence.demo.enabled=false")
class FaultBarrierStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestConfiguration
    static class PoisonedRules {
        @Bean
        @Primary
        RuleSet poisonedRuleSet() throws IOException {
            Map<String, String> sources = new LinkedHashMap<>(RuleSetCompiler.defaultSources());
            try (InputStream in = FaultBarrierStreamTest.class.getResourceAsStream("/fault-barrier/poison.drl")) {
                sources.put("io/ringfence/rules/poison.drl", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return RuleSetCompiler.compile("poisoned", sources, RuleParameters.defaults());
        }
    }

    @Autowired
    KafkaSettings kafka;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Value("${ringfence.embedded.partitions:1}")
    int partitions;

    @Test
    void eventsTheEngineThrowsOnAreDeadLetteredAndTheStreamGoesOn() throws Exception {
        List<TelecomEvent> day = new ArrayList<>();
        new TrafficSimulator(new SimulationConfig(7, 400, SimulationConfig.DEFAULT_START, 24, 1)).forEach(day::add);
        Set<String> ids = new HashSet<>();
        day.forEach(e -> ids.add(e.getEventId()));
        int middle = day.size() / 2;
        TelecomEvent model = day.get(middle);
        String modelJson = EventJson.toJson(model);
        String consequence = modelJson.replace("\"" + model.getEventId() + "\"", "\"poison-c-1\"");
        String constraint = modelJson.replace("\"" + model.getEventId() + "\"", "\"poison-m-2\"");

        try (KafkaProducer<byte[], byte[]> producer = TestKafka.producer(kafka.bootstrapServers())) {
            for (int i = 0; i < day.size(); i++) {
                if (i == middle) {
                    send(producer, model.getSubscriber(), consequence);
                    send(producer, model.getSubscriber(), constraint);
                }
                send(producer, day.get(i).getSubscriber(), EventJson.toJson(day.get(i)));
            }
            producer.flush();
        }

        await(Duration.ofSeconds(180), () -> count("SELECT count(*) FROM event_history") >= ids.size()
                && count("SELECT count(*) FROM outbox") == 0);

        assertThat(count("SELECT count(*) FROM event_history")).as("every other event made durable").isEqualTo(ids.size());
        assertThat(count("SELECT count(DISTINCT event_id) FROM event_history")).as("none twice").isEqualTo(ids.size());
        assertThat(count("SELECT count(*) FROM event_history WHERE event_id LIKE 'poison%'")).isZero();
        assertThat(count("SELECT count(DISTINCT kafka_partition) FROM event_history")).isEqualTo(partitions);

        List<ConsumerRecord<byte[], byte[]>> dead = TestKafka.read(kafka.bootstrapServers(), kafka.topics().deadLetter(), 2);
        assertThat(dead).hasSize(2);
        Map<String, ConsumerRecord<byte[], byte[]>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dead) {
            byId.put(JSON.readTree(r.value()).path("eventId").asText(), r);
        }
        ConsumerRecord<byte[], byte[]> c = byId.get("poison-c-1");
        assertThat(new String(c.value(), StandardCharsets.UTF_8)).isEqualTo(consequence);
        assertThat(header(c, DeadLetters.STAGE)).isEqualTo("DETECT");
        assertThat(header(c, DeadLetters.RULE)).isEqualTo("TEST-THROW");
        assertThat(header(c, DeadLetters.REASON)).contains("poison-c-1", "rule TEST-THROW", "poisoned consequence");
        ConsumerRecord<byte[], byte[]> m = byId.get("poison-m-2");
        assertThat(header(m, DeadLetters.STAGE)).isEqualTo("DETECT");
        assertThat(m.headers().lastHeader(DeadLetters.RULE)).as("no rule was firing").isNull();
        assertThat(header(m, DeadLetters.REASON)).contains("no rule firing");

        Instant poisonedAt = Instant.ofEpochMilli(model.getTimestampMillis());
        List<Instant> decidedAt = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TestKafka.read(kafka.bootstrapServers(), kafka.topics().decisions(), 5)) {
            JsonNode d = JSON.readTree(r.value());
            decidedAt.add(Instant.parse(d.path("decidedAt").asText()));
        }
        assertThat(decidedAt).as("events after the faulty ones are still decided").anyMatch(t -> t.isAfter(poisonedAt));

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("ringfence_events_failed_total\\{[^}]*stage=\"DETECT\"[^}]*\\} 2.0")
                .as("one rebuild per faulty event, of its partition only")
                .containsPattern("ringfence_partition_rebuild_seconds_count(\\{[^}]*\\})? 2.0");
        // The alert rules and dashboards (helm/ringfence/files) only use series this service really exports.
        assertThat(MonitoredMetrics.used()).hasSizeGreaterThan(20).contains("ringfence_outbox_oldest_age_seconds");
        assertThat(MonitoredMetrics.missingFrom(metrics)).as("metric names used by alerts and dashboards").isEmpty();
        assertThat(http.getForObject("/actuator/health", String.class)).contains("\"status\":\"UP\"");
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String key, String json) {
        producer.send(new ProducerRecord<>(kafka.topics().events(), key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8)));
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
