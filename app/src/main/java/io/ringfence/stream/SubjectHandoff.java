package io.ringfence.stream;

import io.ringfence.detection.SubjectKeys;
import io.ringfence.event.TelecomEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The subscriber stage's hand-over to the subject stage: each event a subject-stage rule needs, as it arrived, keyed
 * by its subject on the subject topic, and acknowledged by the broker before the batch that decided it commits. A
 * crash between the two sends it again when the batch is consumed again; the subject stage drops the repeat by its event
 * id, as it drops any redelivered event. Added to from the partitions' threads at once, like {@link DeadLetters}.
 */
final class SubjectHandoff {
    static final String RECEIVED_AT = "ringfence.received-at";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Queue<Future<?>> inFlight = new ConcurrentLinkedQueue<>();

    SubjectHandoff(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * @param enriched the event as the subscriber stage enriched it (the key depends on its enrichment)
     * @param record   the record it came in: its bytes and headers (the trace) go over as they are
     */
    void add(TelecomEvent enriched, ConsumerRecord<byte[], byte[]> record) {
        String key = SubjectKeys.of(enriched);
        if (key != null) {
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(RECEIVED_AT, Long.toString(record.timestamp()).getBytes(StandardCharsets.UTF_8));
            // Stamped now, not with the event's time: the warm-up finds where to start reading by it (SubjectHistory).
            inFlight.add(producer.send(new ProducerRecord<>(topic, null, null, key.getBytes(StandardCharsets.UTF_8),
                    record.value(), headers)));
        }
    }

    /**
     * When the record reached {@code telecom.events}: the time a decision's latency is measured from, in either stage
     * (a record of the subject topic carries it in a header).
     */
    static long receivedAt(ConsumerRecord<byte[], byte[]> record) {
        Header h = record.headers().lastHeader(RECEIVED_AT);
        if (h != null) {
            try {
                return Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
            } catch (NumberFormatException e) {
                // not ours: the record's own time
            }
        }
        return record.timestamp();
    }

    /** A batch that failed before its flush: what it sent is sent again when it is consumed again. */
    void clear() {
        inFlight.clear();
    }

    /** Waits until the broker has every event of the batch handed over. */
    void flush() throws ExecutionException, InterruptedException {
        try {
            producer.flush();
            for (Future<?> f : inFlight) {
                f.get();
            }
        } finally {
            inFlight.clear(); // a failed send fails the batch, which is consumed and handed over again
        }
    }
}
