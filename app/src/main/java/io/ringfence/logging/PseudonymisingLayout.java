package io.ringfence.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * logback's pattern layout with subscriber numbers pseudonymised in the whole formatted line: the
 * message, the exception's messages and stack trace, the thread name and MDC values alike, whichever
 * library logged it (Kafka, Kogito, Drools, Hibernate...).
 *
 * <p>A message cannot break its line: CR, LF and the Unicode line and paragraph separators in it are written
 * as {@code \r}, {@code \n}, {@code \u2028}, {@code \u2029} (and a backslash as two), so a value a client
 * sent cannot forge a line of its own. A stack trace still takes the lines after its message, as always.
 *
 * <p>With {@code format} {@code json} (logback.xml: the environment variable {@code RINGFENCE_LOG_FORMAT}, which
 * the Helm chart sets), each event is one JSON object on one line for a log collector: time, level, logger,
 * thread, message, the trace and span ids of the span the line was logged in ({@code trace_id}, {@code span_id}),
 * the rest of the MDC and the stack trace as a string. Each value is pseudonymised before JSON escapes it:
 * after, a JSON value inside a message ({@code \"imsi\":\"2341...\"}) would no longer look like one.
 */
public class PseudonymisingLayout extends PatternLayout {
    private static final JsonFactory JSON = new JsonFactory();
    /** The MDC keys Micrometer Tracing fills while a span is current. */
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";
    private boolean json;

    /** {@code text} (the pattern, the default) or {@code json}. */
    public void setFormat(String format) {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("log format must be text or json, not " + format);
        }
        this.json = format.equals("json");
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (json) {
            return jsonLine(event);
        }
        String message = event.getFormattedMessage();
        ILoggingEvent e = message != null && needsEscape(message) ? withMessage(event, escape(message)) : event;
        return LogPseudonyms.apply(super.doLayout(e));
    }

    private static String jsonLine(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", event.getInstant().toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", clean(event.getThreadName()));
            g.writeStringField("message", clean(event.getFormattedMessage()));
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null && !mdc.isEmpty()) {
                // Where log collectors look for them to link a line to its trace (Loki, Elasticsearch, Cloud Logging).
                writeId(g, "trace_id", mdc.get(TRACE_ID));
                writeId(g, "span_id", mdc.get(SPAN_ID));
                boolean more = false;
                for (String key : mdc.keySet()) {
                    more |= !key.equals(TRACE_ID) && !key.equals(SPAN_ID);
                }
                if (more) {
                    g.writeObjectFieldStart("mdc");
                    for (Map.Entry<String, String> e : mdc.entrySet()) {
                        if (!e.getKey().equals(TRACE_ID) && !e.getKey().equals(SPAN_ID)) {
                            g.writeStringField(e.getKey(), clean(e.getValue()));
                        }
                    }
                    g.writeEndObject();
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", clean(ThrowableProxyUtil.asString(thrown)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** Trace and span ids are random hex, never personal data; anything else under those keys is left out. */
    private static void writeId(JsonGenerator g, String field, String value) throws IOException {
        if (value != null && value.matches("[0-9a-f]{16,32}")) {
            g.writeStringField(field, value);
        }
    }

    private static String clean(String value) {
        return value == null ? null : LogPseudonyms.apply(value);
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The same event with another formatted message (logback's event has no setter that a layout may use). */
    private static ILoggingEvent withMessage(ILoggingEvent event, String message) {
        return (ILoggingEvent) java.lang.reflect.Proxy.newProxyInstance(ILoggingEvent.class.getClassLoader(),
                new Class<?>[]{ILoggingEvent.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getFormattedMessage") && method.getParameterCount() == 0) {
                        return message;
                    }
                    try {
                        return method.invoke(event, args);
                    } catch (java.lang.reflect.InvocationTargetException x) {
                        throw x.getCause();
                    }
                });
    }
}
