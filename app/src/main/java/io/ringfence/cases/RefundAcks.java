package io.ringfence.cases;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringfence.stream.KafkaClientProperties;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads billing's acknowledgements of refund orders ({@code ringfence.cases.refund-acks-topic}) and hands each to
 * {@link RefundConfirmations}: offsets are committed once the batch is applied (at-least-once in; a repeated one is
 * a duplicate and changes nothing), and one that cannot be used (malformed, for a refund never ordered, contradicting
 * the step's recorded answer, or refused by the process) goes to the dead-letter topic with its reason, so billing's
 * operators see what was not taken instead of a refund step that never closes. Only the database being away is
 * retried; nothing else may hold the answers behind it.
 */
@Component
class RefundAcks {
    static final String REASON = "ringfence.reason";
    static final String SOURCE = "ringfence.source";
    private static final Logger log = LoggerFactory.getLogger(RefundAcks.class);

    private final KafkaSettings kafka;
    private final CaseProperties properties;
    private final RefundConfirmations confirmations;
    private final Map<RefundConfirmations.Outcome, Counter> counted = new EnumMap<>(RefundConfirmations.Outcome.class);
    private final Counter invalid;
    private final Counter failed;
    private volatile KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> deadLetters;
    private volatile boolean running;
    private Thread thread;

    RefundAcks(KafkaSettings kafka, CaseProperties properties, RefundConfirmations confirmations, MeterRegistry meters) {
        this.kafka = kafka;
        this.properties = properties;
        this.confirmations = confirmations;
        for (RefundConfirmations.Outcome o : RefundConfirmations.Outcome.values()) {
            counted.put(o, counter(meters, o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        }
        this.invalid = counter(meters, "invalid");
        this.failed = counter(meters, "failed");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("ringfence.cases.refund.acks").tag("outcome", outcome)
                .description("billing's acknowledgements of refund orders, by what became of them").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (properties.refundAcksTopic() == null || properties.refundAcksTopic().isBlank()
                || kafka.bootstrapServers() == null || kafka.bootstrapServers().isBlank()) {
            log.info("refund acknowledgements are not read on this instance: supervisors confirm refunds by hand");
            return;
        }
        deadLetters = newProducer();
        consumer = newConsumer();
        running = true;
        thread = new Thread(this::run, "ringfence-refund-acks");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        KafkaConsumer<String, String> c = consumer;
        while (running) {
            try {
                c.subscribe(List.of(properties.refundAcksTopic()));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> r : records) {
                        handle(r);
                    }
                    if (!records.isEmpty()) {
                        c.commitSync();
                    }
                }
            } catch (WakeupException stopping) {
                // closing
            } catch (RuntimeException e) {
                log.error("reading refund acknowledgements failed ({}); resuming from the last committed one",
                        KafkaClientProperties.describe(e));
                c.close();
                sleep(2000);
                c = consumer = newConsumer();
            }
        }
        c.close();
    }

    /** Applies one acknowledgement; a database that fails is retried, so none is skipped while it is away. */
    void handle(ConsumerRecord<String, String> r) {
        RefundAck ack;
        try {
            ack = RefundAck.parse(r.value());
        } catch (RefundAck.Invalid e) {
            invalid.increment();
            deadLetter(r, e.getMessage());
            return;
        }
        long backoff = 500;
        for (int attempt = 1; running; attempt++) {
            try {
                RefundConfirmations.Result result = confirmations.apply(ack);
                counted.get(result.outcome()).increment();
                if (result.reason() != null) {
                    deadLetter(r, result.reason());
                }
                return;
            } catch (TransientDataAccessException | DataAccessResourceFailureException
                     | CannotCreateTransactionException e) {
                if (attempt >= 8) {
                    throw e; // the database is away past the poll interval: run() resumes from the committed offset
                }
                log.warn("cannot apply billing's acknowledgement of {} yet: {}", ack.refundId(), e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            } catch (RuntimeException e) {
                // Not the database being away: this answer cannot be applied (the process refused the step, say).
                // Retrying it for ever would hold every later answer behind it.
                log.error("billing's acknowledgement of {} could not be applied", ack.refundId(), e);
                failed.increment();
                deadLetter(r, "could not be applied: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, String> r, String reason) {
        log.warn("refund acknowledgement {}-{}@{} not used: {} (sent to {})", r.topic(), r.partition(), r.offset(), reason,
                properties.refundAcksDeadLetterTopic());
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(SOURCE, (r.topic() + "-" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(new ProducerRecord<>(properties.refundAcksDeadLetterTopic(), null, r.key(),
                    r.value() == null ? "" : r.value(), headers)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a refund acknowledgement", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not committed: the acknowledgement is read again and dead-lettered again once the broker takes it.
            throw new IllegalStateException("cannot dead-letter a refund acknowledgement: " + e, e);
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = KafkaClientProperties.base(kafka);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, properties.refundAcksGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> newProducer() {
        Properties p = KafkaClientProperties.base(kafka);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
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
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
        }
    }
}
