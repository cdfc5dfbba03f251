package io.ringfence.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Records Ringfence cannot use, sent to the dead-letter topic with their original key and bytes and
 * the reason in headers, acknowledged by the broker before the batch that skipped them commits: a bad
 * record is never lost, and at worst (a crash between the two) sent twice. Records may be added from several
 * threads at once (the producer is thread-safe); {@link #flush} runs when no thread adds any more.
 */
public final class DeadLetters {
    static final String REASON = "ringfence.reason";
    static final String FIELD = "ringfence.field";
    static final String SOURCE = "ringfence.source";
    /** For an event a stage threw on: which stage, and the rule that was firing if one was. */
    static final String STAGE = "ringfence.stage";
    static final String RULE = "ringfence.rule";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    /** Added to by the partitions' threads at once; flushed when they have all finished. */
    private final Queue<Future<?>> inFlight = new ConcurrentLinkedQueue<>();

    public DeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    void add(ConsumerRecord<byte[], byte[]> bad, String field, String reason) {
        send(bad, headers(field, reason));
    }

    /**
     * A row of a CDR file the ingest could not use: the same headers as a bad record of the topic, with
     * the file and line as the source instead of topic, partition and offset.
     */
    public void add(byte[] key, byte[] original, String source, String field, String reason) {
        RecordHeaders headers = headers(field, reason);
        headers.add(SOURCE, source.getBytes(StandardCharsets.UTF_8));
        inFlight.add(producer.send(new ProducerRecord<>(topic, null, key, original, headers)));
    }

    /** An accepted event that a stage of the pipeline threw on. */
    void add(ConsumerRecord<byte[], byte[]> bad, io.ringfence.pipeline.EventFault fault) {
        RecordHeaders headers = headers(null, fault.reason());
        headers.add(STAGE, fault.stage().name().getBytes(StandardCharsets.UTF_8));
        if (fault.ruleId() != null) {
            headers.add(RULE, fault.ruleId().getBytes(StandardCharsets.UTF_8));
        }
        send(bad, headers);
    }

    private static RecordHeaders headers(String field, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        if (field != null) {
            headers.add(FIELD, field.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private void send(ConsumerRecord<byte[], byte[]> bad, RecordHeaders headers) {
        headers.add(SOURCE, (bad.topic() + "/" + bad.partition() + "/" + bad.offset()).getBytes(StandardCharsets.UTF_8));
        inFlight.add(producer.send(new ProducerRecord<>(topic, null, bad.key(), bad.value(), headers)));
    }

    /** Waits until the broker has every dead letter of the batch. */
    public void flush() throws ExecutionException, InterruptedException {
        try {
            producer.flush();
            for (Future<?> f : inFlight) {
                f.get();
            }
        } finally {
            // A failed send fails this batch only: the batch is consumed again and resends its records.
            inFlight.clear();
        }
    }
}
