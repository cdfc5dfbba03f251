package io.ringfence.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The layout in a logback of its own, as logback.xml wires it: message and stack trace alike. */
class PseudonymisingLayoutTest {
    private static final String KEY = "layout test key, long enough";
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final LoggerContext context = new LoggerContext();
    private Logger log;

    @BeforeEach
    void logbackWithTheLayout() {
        LogPseudonyms.useKey(KEY);
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        PseudonymisingLayout layout = new PseudonymisingLayout();
        layout.setContext(context);
        layout.setPattern("%-5level %logger{0} - %msg%n");
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
        log = context.getLogger("org.apache.kafka.Whatever");
        log.addAppender(appender);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void messagesAndStackTracesOfAnyLoggerArePseudonymised() {
        Pseudonymiser expected = Pseudonymiser.ofKey(KEY);
        log.info("DECISION {} on {}", "BLOCK_SUBSCRIBER SUBSCRIBER:+447700900123", "{\"imsi\":\"234150000000001\"}");
        log.error("record for +447700900124 failed", new IllegalStateException("bad event from +447700900125",
                new RuntimeException("caused by +447700900126")));

        String out = written.toString(StandardCharsets.UTF_8);

        assertThat(out).doesNotContain("447700900123").doesNotContain("447700900124").doesNotContain("447700900125")
                .doesNotContain("447700900126").doesNotContain("234150000000001")
                .contains("INFO  Whatever - DECISION BLOCK_SUBSCRIBER SUBSCRIBER:" + expected.pseudonym("+447700900123"))
                .contains("{\"imsi\":\"" + expected.pseudonym("234150000000001") + "\"}")
                .contains("record for " + expected.pseudonym("+447700900124") + " failed")
                .contains("java.lang.IllegalStateException: bad event from " + expected.pseudonym("+447700900125"))
                .contains("Caused by: java.lang.RuntimeException: caused by " + expected.pseudonym("+447700900126"))
                .contains("at io.ringfence.logging.PseudonymisingLayoutTest");
    }

    @Test
    void aMessageCannotForgeALine() {
        log.warn("refused call from {}", "evil\r\nINFO  Whatever - DECISION ALLOW\u2028more\\n");

        String out = written.toString(StandardCharsets.UTF_8);

        assertThat(out.split("\n")).hasSize(1);
        assertThat(out).isEqualTo("WARN  Whatever - refused call from evil\\r\\nINFO  Whatever - DECISION ALLOW\\u2028more\\\\n\n");
    }

    @Test
    void theShippedTextPatternNamesTheTraceOfALineLoggedInASpanAndNothingOtherwise() throws Exception {
        String xml;
        try (var in = PseudonymisingLayoutTest.class.getResourceAsStream("/logback.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var m = java.util.regex.Pattern.compile("<pattern>(.*)</pattern>").matcher(xml);
        assertThat(m.find()).isTrue();
        PseudonymisingLayout layout = new PseudonymisingLayout();
        layout.setContext(context);
        layout.setPattern(m.group(1).replace("%d{HH:mm:ss.SSS} ", ""));
        layout.start();
        Logger stream = context.getLogger("io.ringfence.stream.StreamProcessor");

        context.getMDCAdapter().put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        String inSpan = layout.doLayout(event(stream, "DECISION for SUBSCRIBER:+447700900123"));
        context.getMDCAdapter().clear();
        String outside = layout.doLayout(event(stream, "Consuming telecom.events"));

        assertThat(inSpan).startsWith("INFO  StreamProcessor [4bf92f3577b34da6a3ce929d0e0e4736] - DECISION for SUBSCRIBER:+44#")
                .doesNotContain("447700900123");
        assertThat(outside).isEqualTo("INFO  StreamProcessor - Consuming telecom.events" + System.lineSeparator());
    }

    private static ILoggingEvent event(Logger logger, String message) {
        var e = new ch.qos.logback.classic.spi.LoggingEvent(Logger.class.getName(), logger, ch.qos.logback.classic.Level.INFO,
                message, null, null);
        e.getMDCPropertyMap(); // as the logging thread would see it
        return e;
    }
}
