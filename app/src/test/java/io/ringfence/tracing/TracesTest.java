package io.ringfence.tracing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.ringfence.EmbeddedService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19, traces: a switch's trace goes on through the service to the block order and the case, as a collector
 * receives it. The service on real Kafka, PostgreSQL and Redis exports by OTLP/HTTP to a collector this test runs
 * (the protocol's own messages, opentelemetry-proto), and its log lines are read as logback formed them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final List<Span> exported = new CopyOnWriteArrayList<>();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private HttpServer collector;
    private EmbeddedService service;
    private LineCapture capture;

    record Line(String message, Map<String, String> mdc) {
    }

    /** Keeps each line's MDC as it stood on the thread that logged it. */
    private final class LineCapture extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent e) {
            lines.add(new Line(e.getFormattedMessage(), Map.copyOf(e.getMDCPropertyMap())));
        }
    }

    @BeforeAll
    void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(in).getResourceSpansList()) {
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        exported.addAll(ss.getSpansList());
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        collector.start();
        service = EmbeddedService.start(Map.of("management.otlp.tracing.endpoint",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces"));
        // After the start: Spring Boot sets logback up anew as the service starts, and would drop it.
        capture = new LineCapture();
        capture.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(capture);
    }

    @AfterAll
    void stop() {
        if (capture != null) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(capture);
        }
        if (service != null) {
            service.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void aSwitchsTraceGoesOnToTheDecisionTheBlockOrderAndTheCase() throws Exception {
        String subscriber = "+4477009" + (100000 + (int) (Math.random() * 800000));
        String traceId = randomHex(16);
        List<String> eventSpans = irsfTestThenHighCost(subscriber, traceId, "01");

        ConsumerRecord<String, String> order = decisionFor(subscriber);
        JsonNode decision = JSON.readTree(order.value());
        assertThat(decision.path("openCase").asBoolean()).as("the decision opens a case: %s", decision).isTrue();
        String decisionId = decision.path("decisionId").asText();
        String[] carried = traceparent(order).orElseThrow(() -> new AssertionError("no traceparent on " + order)).split("-");
        assertThat(carried[1]).as("the order on fraud.decisions carries the switch's trace").isEqualTo(traceId);
        assertThat(carried[3]).as("sampled, as the switch asked").isEqualTo("01");
        String caseId = await("the decision's case", () -> caseOf(decisionId));

        Span decide = awaitSpan("the decision's span", s -> s.getName().equals("ringfence decide")
                && decisionId.equals(attribute(s, "ringfence.decision.id")));
        Span publish = awaitSpan("the order's publication", s -> s.getName().equals("fraud.decisions publish")
                && hex(s.getParentSpanId()).equals(hex(decide.getSpanId())));
        Span process = awaitSpan("the case's opening", s -> s.getName().equals("fraud.decisions process")
                && decisionId.equals(attribute(s, "ringfence.decision.id")));

        assertThat(hex(decide.getTraceId())).isEqualTo(traceId);
        assertThat(eventSpans).as("the decision continues one of the switch's event spans")
                .contains(hex(decide.getParentSpanId()));
        assertThat(decide.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
        assertThat(attribute(decide, "ringfence.decision.action")).isEqualTo(decision.path("action").asText());
        // The decision's own typology, not IRSF by name: at night the anomaly model may decide on the line first.
        assertThat(attribute(decide, "ringfence.typology")).isEqualTo(decision.path("reason").asText())
                .isIn("IRSF", "ANOMALY");
        assertThat(attribute(decide, "ringfence.decision.sent")).isEqualTo("true");
        assertThat(decide.getEventsList()).extracting(Span.Event::getName).contains("decided", "batch commit started");
        assertThat(decide.getEndTimeUnixNano()).isGreaterThan(decide.getStartTimeUnixNano());

        assertThat(hex(publish.getTraceId())).isEqualTo(traceId);
        assertThat(publish.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
        assertThat(carried[2]).as("the record's context is the publication's span").isEqualTo(hex(publish.getSpanId()));
        assertThat(publish.getStartTimeUnixNano()).isGreaterThanOrEqualTo(decide.getStartTimeUnixNano());

        assertThat(hex(process.getTraceId())).isEqualTo(traceId);
        assertThat(hex(process.getParentSpanId())).isEqualTo(hex(publish.getSpanId()));
        assertThat(attribute(process, "ringfence.case.id")).isEqualTo(caseId);

        assertNoNumberLeft(subscriber);

        Line decided = awaitLine("the DECISION line", l -> l.message().startsWith("DECISION")
                && traceId.equals(l.mdc().get("traceId")));
        assertThat(decided.mdc().get("spanId")).isEqualTo(hex(decide.getSpanId()));
        Line opened = awaitLine("the case's line", l -> l.message().equals("case " + caseId + " for decision " + decisionId));
        assertThat(opened.mdc().get("traceId")).isEqualTo(traceId);
        assertThat(opened.mdc().get("spanId")).isEqualTo(hex(process.getSpanId()));
    }

    @Test
    void aTraceTheSwitchDidNotSampleIsCarriedOnButNotExported() throws Exception {
        String subscriber = "+4477008" + (100000 + (int) (Math.random() * 800000));
        String traceId = randomHex(16);
        irsfTestThenHighCost(subscriber, traceId, "00");

        ConsumerRecord<String, String> order = decisionFor(subscriber);
        String[] carried = traceparent(order).orElseThrow(() -> new AssertionError("no traceparent on " + order)).split("-");
        assertThat(carried[1]).isEqualTo(traceId);
        assertThat(carried[3]).as("not sampled, as the switch said").isEqualTo("00");
        JsonNode decision = JSON.readTree(order.value());
        String decisionId = decision.path("decisionId").asText();
        String caseId = await("the decision's case", () -> caseOf(decisionId));
        // A sampled line after it: once its decision's span is in, the earlier one would have been too.
        String sentinel = "+4477007" + (100000 + (int) (Math.random() * 800000));
        irsfTestThenHighCost(sentinel, randomHex(16), "01");
        String sentinelDecision = JSON.readTree(decisionFor(sentinel).value()).path("decisionId").asText();
        awaitSpan("the sampled line's decision", s -> s.getName().equals("ringfence decide")
                && sentinelDecision.equals(attribute(s, "ringfence.decision.id")));
        assertThat(exported).noneMatch(s -> hex(s.getTraceId()).equals(traceId));
        // Not kept, yet the lines still name the trace, so a switch's log and the service's can be joined.
        Line decided = awaitLine("the DECISION line", l -> l.message().startsWith("DECISION")
                && traceId.equals(l.mdc().get("traceId")));
        assertThat(decided.message()).contains(decision.path("action").asText());
        Line opened = awaitLine("the case's line", l -> l.message().equals("case " + caseId + " for decision " + decisionId));
        assertThat(opened.mdc().get("traceId")).isEqualTo(traceId);
    }

    @Test
    void headersThatAreNoTraceCostNeitherTheDecisionNorTheCase() throws Exception {
        String subscriber = "+4477006" + (100000 + (int) (Math.random() * 800000));
        Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
        hostile.put("traceparent", null);
        hostile.put("b3", "not-a-b3-header-at-all".getBytes(StandardCharsets.UTF_8));
        hostile.put("baggage", new byte[]{(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3});
        hostile.put("tracestate", "k=".concat("v".repeat(20_000)).getBytes(StandardCharsets.UTF_8));
        irsfTestThenHighCost(subscriber, hostile);

        ConsumerRecord<String, String> order = decisionFor(subscriber);
        String carried = traceparent(order).orElseThrow(() -> new AssertionError("no traceparent on " + order));
        assertThat(carried).as("a trace of its own").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        String decisionId = JSON.readTree(order.value()).path("decisionId").asText();
        await("the decision's case", () -> caseOf(decisionId));

        // A decision on fraud.decisions whose traceparent header has no value, as any producer may send: its case opens.
        String other = UUID.randomUUID().toString();
        String json = order.value().replace(decisionId, other);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.servers().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>("fraud.decisions", order.key(), json);
            r.headers().add("traceparent", null);
            producer.send(r).get();
        }
        await("the case of the decision without a trace", () -> caseOf(other));
    }

    @Test
    void aNumberInARequestsPathDoesNotLeaveInItsSpan() throws Exception {
        String number = "+4477005" + (100000 + (int) (Math.random() * 800000));
        String traceId = randomHex(16);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.port()
                        + "/api/v1/hotlists/blocked-numbers/" + number.replace("+", "%2B") + "/history/" + number.substring(1)))
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").GET().build();
        int status = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
        assertThat(status).as("refused: nobody signed in").isBetween(400, 499);
        Span server = awaitSpan("the request's span", s -> hex(s.getTraceId()).equals(traceId)
                && s.getKind() == Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(attribute(server, "http.url")).as("the path is kept, its numbers pseudonymised")
                .startsWith("/api/v1/hotlists/blocked-numbers/").contains("#");
        assertNoNumberLeft(number);
    }

    /** Nothing of any span exported so far (name, attributes, status, events) holds the number's digits. */
    private void assertNoNumberLeft(String number) {
        for (Span s : exported) {
            assertThat(s.toString()).as("no subscriber number leaves in a span").doesNotContain(number.substring(1));
        }
    }

    /** A call to the IRSF test number, then three long calls to a high-cost range (IRSF-002), each in the trace. */
    private List<String> irsfTestThenHighCost(String subscriber, String traceId, String flags) throws Exception {
        List<String> spans = new ArrayList<>();
        irsfTestThenHighCost(subscriber, i -> {
            String span = randomHex(8);
            spans.add(span);
            return Map.of("traceparent", ("00-" + traceId + "-" + span + "-" + flags).getBytes(StandardCharsets.UTF_8));
        });
        return spans;
    }

    private void irsfTestThenHighCost(String subscriber, Map<String, byte[]> headers) throws Exception {
        irsfTestThenHighCost(subscriber, i -> headers);
    }

    private void irsfTestThenHighCost(String subscriber, java.util.function.IntFunction<Map<String, byte[]>> headers)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.servers().kafkaBootstrapServers());
        Instant t = Instant.now();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i <= 3; i++) {
                String b = i == 0 ? "+88213500001" : "+8821360000" + i;
                String json = "{\"eventId\":\"tr-" + UUID.randomUUID() + "\",\"type\":\"VOICE\",\"timestamp\":\""
                        + t.plusSeconds(60L * i) + "\",\"subscriber\":\"" + subscriber + "\",\"direction\":\"MO\","
                        + "\"aNumber\":\"" + subscriber + "\",\"bNumber\":\"" + b + "\",\"answered\":true,"
                        + "\"ringSeconds\":5.0,\"durationSeconds\":" + (i == 0 ? 40 : 300) + ",\"roaming\":false}";
                ProducerRecord<String, String> r = new ProducerRecord<>("telecom.events", subscriber, json);
                headers.apply(i).forEach((k, v) -> r.headers().add(k, v));
                producer.send(r).get();
            }
        }
    }

    private ConsumerRecord<String, String> decisionFor(String subscriber) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.servers().kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "traces-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("fraud.decisions"));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (subscriber.equals(JSON.readTree(r.value()).path("subscriber").asText())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no decision for the test's line on fraud.decisions within 90 s");
    }

    private static Optional<String> traceparent(ConsumerRecord<String, String> r) {
        Header h = r.headers().lastHeader("traceparent");
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private String caseOf(String decisionId) {
        try (Connection c = DriverManager.getConnection(service.servers().jdbcUrl(), "postgres", "postgres");
             PreparedStatement ps = c.prepareStatement("SELECT case_id FROM fraud_case WHERE decision_id = ?")) {
            ps.setString(1, decisionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Span awaitSpan(String what, java.util.function.Predicate<Span> match) throws InterruptedException {
        return await(what, () -> exported.stream().filter(match).findFirst().orElse(null));
    }

    private Line awaitLine(String what, java.util.function.Predicate<Line> match) throws InterruptedException {
        return await(what, () -> lines.stream().filter(match).findFirst().orElse(null));
    }

    private static <T> T await(String what, Supplier<T> read) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T value = read.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": not seen within 60 s");
    }

    private static String attribute(Span s, String key) {
        for (KeyValue kv : s.getAttributesList()) {
            if (kv.getKey().equals(key)) {
                var v = kv.getValue();
                return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case BOOL_VALUE -> String.valueOf(v.getBoolValue());
                    case INT_VALUE -> String.valueOf(v.getIntValue());
                    case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
                    default -> v.toString();
                };
            }
        }
        return null;
    }

    private static String hex(com.google.protobuf.ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        b[0] |= 1; // never all zeros, which W3C calls invalid
        return HEX.formatHex(b);
    }
}
