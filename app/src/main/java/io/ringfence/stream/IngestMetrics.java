package io.ringfence.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.ringfence.contract.Decision;
import org.apache.kafka.clients.consumer.Consumer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * What operators watch at {@code /actuator/prometheus}: events in, rejected and duplicate; alerts by
 * typology; decisions by action (sent and held back); the time from an event's produce to its decision
 * being durable; batch commit time; and the consumer's lag (Kafka client metrics).
 */
@Component
class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter eventsIn;
    private final Counter rejected;
    private final Counter duplicates;
    private final Timer decisionLatency;
    private final Timer batchTime;
    private final Timer rebuild;
    private final StreamActivity activity;

    IngestMetrics(MeterRegistry registry, StreamActivity activity) {
        this.registry = registry;
        this.activity = activity;
        this.eventsIn = Counter.builder("ringfence.events.in").description("events accepted").register(registry);
        this.rejected = Counter.builder("ringfence.events.rejected").description("records sent to the dead-letter topic")
                .register(registry);
        this.duplicates = Counter.builder("ringfence.events.duplicate").description("redelivered events ignored")
                .register(registry);
        this.decisionLatency = Timer.builder("ringfence.decision.latency")
                .description("from the event's produce time to its decision committed")
                .publishPercentileHistogram().register(registry);
        this.batchTime = Timer.builder("ringfence.batch.duration").description("processing and committing one poll")
                .publishPercentileHistogram().register(registry);
        // Registered up front, so the series exists (at 0) before the first fault and alerts can use increase().
        this.rebuild = Timer.builder("ringfence.partition.rebuild").description("rebuilding a partition's pipeline after a fault")
                .register(registry);
    }

    /** An event a stage threw on, set aside; counted by stage (never by event or subscriber). */
    void fault(io.ringfence.pipeline.EventFault fault, boolean history) {
        registry.counter("ringfence.events.failed", "stage", fault.stage().name(), "history", String.valueOf(history))
                .increment();
    }

    /** The rule set in shadow threw on an event (the live side decided it). */
    void shadowFault(io.ringfence.pipeline.EventFault fault) {
        registry.counter("ringfence.shadow.rules.failed", "stage", fault.stage().name()).increment();
    }

    /** A partition's pipeline rebuilt from history after a fault. */
    void rebuilt(long nanos) {
        rebuild.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    AutoCloseable bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics m = new KafkaClientMetrics(consumer);
        m.bindTo(registry);
        return m;
    }

    /** @param newEvents false for the subject stage, whose events the subscriber stage has counted */
    void batch(Batch batch, BatchStore.Committed committed, long startedNanos, boolean newEvents) {
        if (newEvents) {
            eventsIn.increment(batch.events.size());
            activity.accepted(batch.events.size());
            duplicates.increment(batch.duplicates); // the subject stage's are repeat hand-overs, not redeliveries
        }
        rejected.increment(batch.rejected);
        long now = System.currentTimeMillis();
        for (String[] r : batch.raised) {
            // By rule too: the rule set has a few dozen rules, and their hit rates are what an analyst tunes by.
            registry.counter("ringfence.alerts", "typology", r[0], "rule", r[1] == null ? "none" : r[1]).increment();
        }
        java.util.Set<String> sentIds = committed.emittedIds();
        for (Batch.Decided d : batch.decisions) {
            Decision decision = d.outcome().decision();
            boolean sent = sentIds.contains(decision.decisionId());
            registry.counter("ringfence.decisions", "action", decision.action().name(), "sent", String.valueOf(sent))
                    .increment();
            io.ringfence.decision.ShadowVerdict shadow = d.outcome().shadow();
            if (shadow != null) {
                // Which mode a decision came from: the live one above, the model in shadow here (never sent).
                registry.counter("ringfence.shadow.decisions", "action", shadow.action() == null ? "ERROR" : shadow.action().name(),
                        "agrees", String.valueOf(shadow.agrees()), "challenger", "models").increment();
            }
            if (sent && d.recordTimestamp() > 0) {
                long millis = Math.max(0, now - d.recordTimestamp());
                decisionLatency.record(Duration.ofMillis(millis));
                activity.decisionLatency(millis);
            }
        }
        for (io.ringfence.audit.ShadowDecisionLog.Entry e : batch.shadowRules) {
            // A rule set in shadow: the challenger's action where it decided, NONE where only the live rules did.
            registry.counter("ringfence.shadow.decisions", "action", e.action(), "agrees", String.valueOf(e.agrees()),
                    "challenger", "rules").increment();
        }
        batchTime.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }
}
