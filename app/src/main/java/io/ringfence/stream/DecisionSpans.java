package io.ringfence.stream;

import io.micrometer.tracing.Span;
import io.ringfence.contract.Decision;
import io.ringfence.tracing.Traces;
import org.apache.kafka.common.header.Headers;

import java.util.concurrent.TimeUnit;

/**
 * A decision's span: from the moment its partition took up the record that led to it until the batch that holds it
 * committed, continuing the record's trace. Ids, action, typology and the record's place; no subscriber number.
 */
final class DecisionSpans {
    private DecisionSpans() {
    }

    /** Never throws: tracing may lose a span, never a decision (this runs inside the event's processing). */
    static Span started(Traces traces, Decision d, Headers headers, int partition, long offset, long startedMicros) {
        try {
            return start(traces, d, headers, partition, offset, startedMicros);
        } catch (RuntimeException e) {
            return Span.NOOP;
        }
    }

    private static Span start(Traces traces, Decision d, Headers headers, int partition, long offset, long startedMicros) {
        Span span = traces.continuing(headers)
                .name("ringfence decide")
                .kind(Span.Kind.CONSUMER)
                .startTimestamp(startedMicros, TimeUnit.MICROSECONDS)
                .tag("messaging.system", "kafka")
                .tag("messaging.kafka.partition", partition)
                .tag("messaging.kafka.offset", offset)
                .tag("ringfence.decision.id", d.decisionId())
                .tag("ringfence.decision.action", d.action().name())
                .tag("ringfence.typology", String.valueOf(d.reason()))
                .tag("ringfence.decision.open_case", d.openCase())
                .start();
        if (d.explanation() != null && d.explanation().ruleId() != null) {
            span.tag("ringfence.rule", d.explanation().ruleId());
        }
        return span.event("decided");
    }

    /** The batch committed: the decision is stored, and sent unless another block on its target won. */
    static void committed(Span span, boolean sent, long commitStartedMicros) {
        span.event("batch commit started", commitStartedMicros, TimeUnit.MICROSECONDS)
                .tag("ringfence.decision.sent", sent)
                .end();
    }

    /** The batch did not commit: its events are consumed again, and decided again under new spans. */
    static void notCommitted(Span span, Throwable why) {
        span.error(why);
        span.end();
    }
}
