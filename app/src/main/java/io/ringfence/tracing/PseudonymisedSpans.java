package io.ringfence.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ringfence.logging.LogPseudonyms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every span as it leaves for the collector, with subscriber numbers pseudonymised as in the logs: in its name,
 * string attributes, status and events (an exception's message and stack trace). Ringfence's own spans carry ids
 * only, but Spring's carry a request's path ({@code DELETE /api/v1/hotlists/.../+4477...}) and any span may carry
 * an exception whose message quotes a database row; this is the one place all of them pass. Stricter than the logs:
 * a bare run of 8 to 15 digits is taken for a number too ({@link LogPseudonyms#applyStrict}).
 */
final class PseudonymisedSpans implements SpanExporter {
    private final SpanExporter next;
    private final UnaryOperator<String> clean;

    PseudonymisedSpans(SpanExporter next) {
        this(next, LogPseudonyms::applyStrict);
    }

    PseudonymisedSpans(SpanExporter next, UnaryOperator<String> clean) {
        this.next = next;
        this.clean = clean;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        List<SpanData> out = new ArrayList<>(spans.size());
        for (SpanData s : spans) {
            out.add(new Cleaned(s, clean));
        }
        return next.export(out);
    }

    @Override
    public CompletableResultCode flush() {
        return next.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return next.shutdown();
    }

    private static final class Cleaned extends DelegatingSpanData {
        private final String name;
        private final Attributes attributes;
        private final StatusData status;
        private final List<EventData> events;

        Cleaned(SpanData span, UnaryOperator<String> clean) {
            super(span);
            this.name = clean.apply(span.getName());
            this.attributes = cleaned(span.getAttributes(), clean);
            StatusData st = span.getStatus();
            this.status = st.getDescription().isEmpty() ? st : StatusData.create(st.getStatusCode(), clean.apply(st.getDescription()));
            List<EventData> ev = new ArrayList<>(span.getEvents().size());
            for (EventData e : span.getEvents()) {
                // Re-made as plain events: an exception's event keeps its message and stack trace as attributes only.
                ev.add(EventData.create(e.getEpochNanos(), clean.apply(e.getName()), cleaned(e.getAttributes(), clean),
                        e.getTotalAttributeCount()));
            }
            this.events = ev;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Attributes getAttributes() {
            return attributes;
        }

        @Override
        public StatusData getStatus() {
            return status;
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Attributes cleaned(Attributes attributes, UnaryOperator<String> clean) {
        AttributesBuilder b = Attributes.builder();
        attributes.forEach((key, value) -> {
            if (key.getType() == AttributeType.STRING) {
                b.put((AttributeKey<String>) key, clean.apply((String) value));
            } else if (key.getType() == AttributeType.STRING_ARRAY) {
                b.put((AttributeKey<List<String>>) key, ((List<String>) value).stream().map(clean).toList());
            } else {
                b.put((AttributeKey) key, value);
            }
        });
        return b.build();
    }
}
