package io.ringfence.cases;

import io.ringfence.contract.Action;
import io.ringfence.contract.Decision;
import io.ringfence.contract.DecisionJson;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.ringfence.stream.KafkaClientProperties;
import io.ringfence.tracing.Traces;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * Opens a case for every decision on {@code fraud.decisions} that asks for one, as the switches read
 * them: its own consumer group, offsets committed after the cases are stored, and a case per decision
 * however often the decision is delivered (at-least-once in, exactly one case out).
 */
@Component
class DecisionFeed {
    private static final Logger log = LoggerFactory.getLogger(DecisionFeed.class);

    private final KafkaSettings kafka;
    private final CaseProperties properties;
    private final CaseService cases;
    private final Traces traces;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running;
    private Thread thread;

    DecisionFeed(KafkaSettings kafka, CaseProperties properties, CaseService cases, Traces traces) {
        this.kafka = kafka;
        this.properties = properties;
        this.cases = cases;
        this.traces = traces;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!properties.openFromDecisions() || kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            log.info("cases are not opened from {} on this instance", kafka.topics().decisions());
            return;
        }
        consumer = newConsumer();
        running = true;
        thread = new Thread(this::run, "ringfence-cases");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Polls until stopped. A failure (the database down longer than the consumer may wait between polls,
     * say) drops the consumer without committing, and a new one resumes from the last committed offset.
     */
    private void run() {
        KafkaConsumer<String, String> c = consumer;
        while (running) {
            try {
                c.subscribe(List.of(kafka.topics().decisions()));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> r : records) {
                        open(r);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                }
            } catch (WakeupException stopping) {
                // closing
            } catch (RuntimeException e) {
                log.error("the case feed failed ({}); resuming from the last committed decision", KafkaClientProperties.describe(e));
                c.close();
                sleep(2000);
                c = consumer = newConsumer();
            }
        }
        c.close();
    }

    /**
     * Opens the decision's case. A decision that can never open one (not JSON, no id, an unknown target)
     * is logged as an error and passed over; a store that fails is retried, with growing pauses, so a
     * decision asking for a case is not skipped while the database is away.
     */
    private void open(ConsumerRecord<String, String> r) {
        Decision decision;
        try {
            decision = DecisionJson.read(r.value());
        } catch (IllegalArgumentException e) {
            log.error("{}-{}@{} is not a decision that can open a case ({}); no case opened", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            return;
        }
        if (!decision.openCase() && decision.action() != Action.OPEN_CASE) {
            return; // most decisions open none: no span for them
        }
        // The decision's trace goes on here: the case's span, and this thread's log lines, carry its trace id.
        Span span = traces.continuing(r.headers())
                .name(r.topic() + " process")
                .kind(Span.Kind.CONSUMER)
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", r.topic())
                .tag("messaging.kafka.partition", r.partition())
                .tag("messaging.kafka.offset", r.offset())
                .tag("ringfence.decision.id", decision.decisionId())
                .start();
        try (Tracer.SpanInScope inSpan = traces.inScope(span)) {
            open(decision, r, span);
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private void open(Decision decision, ConsumerRecord<String, String> r, Span span) {
        long backoff = 500;
        for (int attempt = 1; running; attempt++) {
            try {
                cases.openFor(decision, r.value()).ifPresent(c -> {
                    span.tag("ringfence.case.id", c.caseId().toString());
                    log.info("case {} for decision {}", c.caseId(), c.decisionId());
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= 8) {
                    throw e; // past the poll interval: hand over to run(), which resumes from the committed offset
                }
                log.warn("cannot open the case for decision {} yet: {}", decision.decisionId(), e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = KafkaClientProperties.base(kafka);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, properties.consumerGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // On first deployment, every case-opening decision still retained on the topic opens its case.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }
}
