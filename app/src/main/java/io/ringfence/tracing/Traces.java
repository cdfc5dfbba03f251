package io.ringfence.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service's traces (docs/operations.md, "Traces"): a decision continues the trace of the event that led to it
 * (W3C {@code traceparent} on the Kafka record, as a switch or mediation sends it), the block order on
 * {@code fraud.decisions} carries the decision's trace on, and the case it opens joins it. Spans carry ids, actions,
 * typologies, partitions and offsets, never a subscriber's number: traces leave for a collector outside the
 * pseudonymised logs.
 *
 * <p>Micrometer's tracing API on the OpenTelemetry SDK that Spring Boot configures (sampling, OTLP export,
 * trace ids in the logs' MDC); without it (a tool without Spring) every call here is a no-op.
 */
@Component
public class Traces {
    /** W3C trace context: the one header every tracing backend reads. */
    public static final String TRACEPARENT = "traceparent";
    /** Longer than any trace header a tracer writes (traceparent is 55 characters; tracestate at most 512 members' worth). */
    private static final int MAX_HEADER_BYTES = 8192;
    /** A record's header as the propagators read it: absent, null-valued or oversized, it is not there. */
    private static final Propagator.Getter<Headers> KAFKA_GET = (headers, key) -> {
        Header h = headers == null ? null : headers.lastHeader(key);
        byte[] value = h == null ? null : h.value();
        return value == null || value.length > MAX_HEADER_BYTES ? null : new String(value, StandardCharsets.UTF_8);
    };
    private static final Propagator.Setter<Headers> KAFKA_SET = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };
    private static final Propagator.Getter<Map<String, String>> MAP_GET = Map::get;

    private final Tracer tracer;
    private final Propagator propagator;

    @Autowired
    public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** For code that runs without Spring: nothing traced. */
    public static Traces none() {
        return new Traces(Tracer.NOOP, Propagator.NOOP);
    }

    /**
     * A span continuing the trace a Kafka record's headers carry, or the first of a new trace when they carry none
     * that can be read. Headers come from anyone who can produce to the topic: whatever they hold, this never throws,
     * so a header can neither stop the stream nor cost a decision.
     */
    public Span.Builder continuing(Headers headers) {
        if (headers == null) {
            return tracer.spanBuilder();
        }
        try {
            return propagator.extract(headers, KAFKA_GET);
        } catch (RuntimeException unreadable) {
            return tracer.spanBuilder();
        }
    }

    /** A span continuing the trace of a stored {@code traceparent} (an outbox row's), or of none. */
    public Span.Builder continuing(String traceparent) {
        if (traceparent == null) {
            return tracer.spanBuilder();
        }
        try {
            return propagator.extract(Map.of(TRACEPARENT, traceparent), MAP_GET);
        } catch (RuntimeException unreadable) {
            return tracer.spanBuilder();
        }
    }

    /** Puts {@code span}'s context on a record about to be sent: whoever reads it continues the trace. */
    public void inject(Span span, Headers headers) {
        propagator.inject(span.context(), headers, KAFKA_SET);
    }

    /**
     * The {@code traceparent} of {@code span}, to store beside what it produced; null when nothing is traced. A span
     * not sampled has one too (flag 00): whoever reads it on stays in the caller's trace and its decision not to keep it.
     */
    public String traceparent(Span span) {
        if (span == null) {
            return null;
        }
        try {
            Map<String, String> carrier = new HashMap<>(2);
            propagator.inject(span.context(), carrier, Map::put);
            return carrier.get(TRACEPARENT);
        } catch (RuntimeException e) {
            return null; // the message goes without a trace rather than not at all
        }
    }

    /** The {@code traceparent} of the span the calling thread is in (an API request's), or null. */
    public String currentTraceparent() {
        return traceparent(tracer.currentSpan());
    }

    /** Makes {@code span} the thread's current one, so that log lines carry its trace id; close to leave it. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** Wall-clock time in microseconds, as spans take their explicit start and end times. */
    public static long nowMicros() {
        Instant now = Instant.now();
        return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
    }
}
