package io.ringfence.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ringfence.logging.Pseudonymiser;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans made by OpenTelemetry's own SDK, as the collector would receive them through the pseudonymising exporter. */
class PseudonymisedSpansTest {
    private static final Pseudonymiser PSEUDONYMS = Pseudonymiser.ofKey("spans test key, long enough");
    private final List<SpanData> received = new CopyOnWriteArrayList<>();

    private final SpanExporter collector = new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            received.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    };

    @Test
    void numbersInNamesAttributesStatusAndExceptionsArePseudonymisedAndEverythingElseKept() {
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new PseudonymisedSpans(collector, PSEUDONYMS::applyStrict)))
                .build()) {
            Tracer tracer = provider.get("test");
            var span = tracer.spanBuilder("http delete /api/v1/hotlists/blocked/+447700900123").startSpan();
            span.setAttribute("http.url", "/api/v1/hotlists/blocked/%2B447700900124");
            span.setAttribute("db.message", "Failing row contains (a1, 447700900125, 2026-12-07).");
            span.setAttribute(AttributeKey.stringArrayKey("numbers"), List.of("+447700900126", "x"));
            span.setAttribute("ringfence.decision.id", "d621e23c-a47e-351c-8a75-361234567890");
            span.setAttribute("messaging.kafka.offset", 4477009001270L);
            span.setAttribute("ringfence.decision.sent", true);
            span.recordException(new IllegalStateException("batch not committed: Key (target)=(447700900128) exists"));
            span.setStatus(StatusCode.ERROR, "no line +447700900129");
            span.end();
        }

        assertThat(received).hasSize(1);
        SpanData s = received.get(0);
        assertThat(s.toString()).doesNotContain("447700900123", "447700900124", "447700900125", "447700900126",
                "447700900128", "447700900129");
        assertThat(s.getName()).isEqualTo("http delete /api/v1/hotlists/blocked/" + PSEUDONYMS.pseudonym("+447700900123"));
        Attributes a = s.getAttributes();
        assertThat(a.get(AttributeKey.stringKey("http.url")))
                .isEqualTo("/api/v1/hotlists/blocked/" + PSEUDONYMS.pseudonym("+447700900124"));
        assertThat(a.get(AttributeKey.stringKey("db.message")))
                .isEqualTo("Failing row contains (a1, " + PSEUDONYMS.pseudonym("447700900125") + ", 2026-12-07).");
        assertThat(a.get(AttributeKey.stringArrayKey("numbers"))).containsExactly(PSEUDONYMS.pseudonym("+447700900126"), "x");
        assertThat(a.get(AttributeKey.stringKey("ringfence.decision.id")))
                .as("an id's digits are not a number").isEqualTo("d621e23c-a47e-351c-8a75-361234567890");
        assertThat(a.get(AttributeKey.longKey("messaging.kafka.offset"))).as("numbers as numbers stay").isEqualTo(4477009001270L);
        assertThat(a.get(AttributeKey.booleanKey("ringfence.decision.sent"))).isTrue();
        EventData exception = s.getEvents().get(0);
        assertThat(exception.getName()).isEqualTo("exception");
        assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
                .isEqualTo("batch not committed: Key (target)=(" + PSEUDONYMS.pseudonym("447700900128") + ") exists");
        assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
                .contains("at io.ringfence.tracing.PseudonymisedSpansTest");
        assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(s.getStatus().getDescription()).isEqualTo("no line " + PSEUDONYMS.pseudonym("+447700900129"));
    }
}
