package io.ringfence.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production log format: one JSON object a line, pseudonymised like the text lines. */
class JsonLogLinesTest {
    private static final String KEY = "json layout test key, long enough";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();
    private Logger log;

    @BeforeEach
    void logbackWithTheJsonLayout() {
        LogPseudonyms.useKey(KEY);
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        PseudonymisingLayout layout = new PseudonymisingLayout();
        layout.setContext(context);
        layout.setFormat("json");
        layout.setPattern("%msg%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        log = context.getLogger("io.ringfence.stream.Whatever");
        log.addAppender(appender);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void eachEventIsOneJsonLineWithSubscriberNumbersPseudonymised() throws Exception {
        Pseudonymiser expected = Pseudonymiser.ofKey(KEY);
        context.getMDCAdapter().put("partition", "3");
        log.info("DECISION BLOCK_SUBSCRIBER SUBSCRIBER:{} {}", "+447700900123", "{\"imsi\":\"234150000000001\"}");
        context.getMDCAdapter().clear();
        log.error("record for +447700900124 failed\nINFO forged", new IllegalStateException("bad event from +447700900125"));

        String out = written.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\n");
        assertThat(lines).as("a newline in a message cannot split the line").hasSize(2);
        assertThat(out).doesNotContain("447700900123", "234150000000001", "447700900124", "447700900125");

        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("logger").asText()).isEqualTo("io.ringfence.stream.Whatever");
        assertThat(Instant.parse(first.path("time").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(first.path("message").asText()).isEqualTo("DECISION BLOCK_SUBSCRIBER SUBSCRIBER:"
                + expected.pseudonym("+447700900123") + " {\"imsi\":\"" + expected.pseudonym("234150000000001") + "\"}");
        assertThat(first.path("mdc").path("partition").asText()).isEqualTo("3");

        JsonNode second = JSON.readTree(lines[1]);
        assertThat(second.path("level").asText()).isEqualTo("ERROR");
        assertThat(second.path("message").asText())
                .isEqualTo("record for " + expected.pseudonym("+447700900124") + " failed\nINFO forged");
        assertThat(second.path("exception").asText())
                .startsWith("java.lang.IllegalStateException: bad event from " + expected.pseudonym("+447700900125"))
                .contains("at io.ringfence.logging.JsonLogLinesTest");
        assertThat(second.has("mdc")).isFalse();
    }

    @Test
    void aLineLoggedInASpanCarriesItsTraceAndSpanIdsWhereCollectorsLookForThem() throws Exception {
        context.getMDCAdapter().put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        context.getMDCAdapter().put("spanId", "00f067aa0ba902b7");
        log.info("case 1 for decision 2");
        context.getMDCAdapter().put("partition", "3");
        context.getMDCAdapter().put("traceId", "+447700900123"); // not an id: left out, never written in clear
        log.info("second");

        String[] lines = written.toString(StandardCharsets.UTF_8).split("\n");
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.path("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(first.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(first.has("mdc")).as("ids only: nothing else in the MDC").isFalse();
        JsonNode second = JSON.readTree(lines[1]);
        assertThat(second.has("trace_id")).isFalse();
        assertThat(second.path("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(second.path("mdc").path("partition").asText()).isEqualTo("3");
        assertThat(second.path("mdc").has("traceId")).isFalse();
        assertThat(lines[1]).doesNotContain("447700900123");
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThatThrownBy(() -> new PseudonymisingLayout().setFormat("xml")).hasMessageContaining("text or json");
    }
}
