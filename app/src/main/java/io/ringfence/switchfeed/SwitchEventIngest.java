package io.ringfence.switchfeed;

import io.ringfence.ingest.EventParser;
import io.ringfence.ingest.ParseResult;
import io.ringfence.stream.KafkaClientProperties;
import io.ringfence.stream.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Events a switch reports over HTTP, put where Kafka ingest would have them: a valid one on the events
 * topic keyed by subscriber, a bad one on the dead-letter topic with the same headers the stream writes
 * (docs/streaming.md), so one dead-letter consumer serves both routes in. The switch is answered only once
 * the broker has the record: a 202 is a promise that the event will be processed.
 */
@Component
class SwitchEventIngest implements DisposableBean {
    /** The stream's dead-letter header names. */
    static final String REASON = "ringfence.reason";
    static final String FIELD = "ringfence.field";
    static final String SOURCE = "ringfence.source";
    static final String SOURCE_VALUE = "http:/api/v1/switch-events";
    /** Bounds how long a switch's worker waits on a broker in trouble; it then gets a 503 and goes on. */
    private static final Duration BROKER_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SwitchEventIngest.class);

    private final EventParser parser = new EventParser();
    private final Producer<byte[], byte[]> producer;
    private final String events;
    private final String deadLetter;
    private final Counter accepted;
    private final Counter rejected;

    SwitchEventIngest(KafkaSettings kafka, MeterRegistry meters) {
        this.producer = producer(kafka);
        this.events = kafka.topics().events();
        this.deadLetter = kafka.topics().deadLetter();
        this.accepted = Counter.builder("ringfence.switch.events").tag("outcome", "accepted")
                .description("events reported by switches over HTTP").register(meters);
        this.rejected = Counter.builder("ringfence.switch.events").tag("outcome", "dead-letter")
                .description("events reported by switches over HTTP").register(meters);
    }

    ParseResult accept(byte[] body) {
        ParseResult result = parser.parse(body);
        if (result instanceof ParseResult.Accepted a) {
            send(new ProducerRecord<>(events, a.event().getSubscriber().getBytes(StandardCharsets.UTF_8), body));
            accepted.increment();
        } else {
            ParseResult.Rejected r = (ParseResult.Rejected) result;
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON, r.reason().getBytes(StandardCharsets.UTF_8));
            if (r.field() != null) {
                headers.add(FIELD, r.field().getBytes(StandardCharsets.UTF_8));
            }
            headers.add(SOURCE, SOURCE_VALUE.getBytes(StandardCharsets.UTF_8));
            send(new ProducerRecord<byte[], byte[]>(deadLetter, null, (byte[]) null, body == null ? new byte[0] : body, headers));
            rejected.increment();
        }
        return result;
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(BROKER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable("interrupted while waiting for the broker");
        } catch (TimeoutException e) {
            throw new BrokerUnavailable("the broker did not acknowledge the event within " + BROKER_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            // The cause stays in the log: a switch has no use for the client library's exception names.
            log.warn("A switch's event was not produced to {}: {}", record.topic(), e.getCause().toString());
            throw new BrokerUnavailable("the broker did not take the event");
        }
    }

    private static Producer<byte[], byte[]> producer(KafkaSettings kafka) {
        Properties p = KafkaClientProperties.base(kafka); // TLS, SASL; the timeouts below stay the endpoint's own
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_WAIT.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) BROKER_WAIT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_WAIT.toMillis() - 1000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }

    /** The broker did not take the record in time: nothing was promised, the switch may send it again. */
    static final class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(String message) {
            super(message);
        }
    }
}
