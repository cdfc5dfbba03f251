package io.ringfence.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The subject stage's history, for its warm-up: the event history is stored by subscriber partition, so a subject
 * partition reads its own topic back instead, from where the broker says records arrived a retention before the last
 * committed one was handed over (the records carry the time of the hand-over) up to the committed offset.
 */
@Component
class SubjectHistory {
    /** Handed over late, an event may have arrived after its window had started: read a little further back. */
    private static final long MARGIN_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final Duration POLL = Duration.ofMillis(500);
    /** Polls in a row that bring nothing before the read gives up short of the commit (a topic cut by retention). */
    private static final int EMPTY_POLLS = 20;

    private final KafkaClients clients;

    SubjectHistory(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * @param at              where the partition's committed processing stands, and when it was committed
     * @param retentionMillis how much of the stage's event time the windows hold
     * @param payload         each record's value, in offset order, from the start of the read to the commit
     */
    void read(TopicPartition tp, BatchStore.Position at, long retentionMillis, Consumer<String> payload) {
        if (at.nextOffset() <= 0) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> reader = clients.reader()) {
            reader.assign(List.of(tp));
            // Counted back from when the last committed record was handed over, not from the commit: a subject stage
            // that fell behind commits long after the hand-over.
            long handedOver = lastTimestamp(reader, tp, at);
            Map<TopicPartition, OffsetAndTimestamp> from = reader.offsetsForTimes(
                    Map.of(tp, Math.max(0, handedOver - retentionMillis - MARGIN_MILLIS)));
            OffsetAndTimestamp start = from.get(tp);
            if (start == null || start.offset() >= at.nextOffset()) {
                return; // nothing handed over within the retention before the commit
            }
            reader.seek(tp, start.offset());
            read(reader, tp, at, payload);
        }
    }

    /** The broker's time of the last committed record; the commit's time if it cannot be read (retention took it). */
    private static long lastTimestamp(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp, BatchStore.Position at) {
        long fallback = at.committedAtMillis() == null ? System.currentTimeMillis() : at.committedAtMillis();
        reader.seek(tp, at.nextOffset() - 1);
        for (int i = 0; i < EMPTY_POLLS; i++) {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(POLL).records(tp)) {
                return r.offset() < at.nextOffset() ? r.timestamp() : fallback;
            }
        }
        return fallback;
    }

    private static void read(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp, BatchStore.Position at,
                             Consumer<String> payload) {
        int empty = 0;
        while (reader.position(tp) < at.nextOffset() && empty < EMPTY_POLLS) {
            List<ConsumerRecord<byte[], byte[]>> records = reader.poll(POLL).records(tp);
            empty = records.isEmpty() ? empty + 1 : 0;
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() >= at.nextOffset()) {
                    return;
                }
                if (r.value() != null) {
                    payload.accept(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
    }
}
