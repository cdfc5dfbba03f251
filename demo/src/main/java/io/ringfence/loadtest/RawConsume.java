package io.ringfence.loadtest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The physical limit: a plain consumer, with the service's consumer settings and no processing at
 * all, reading the run's events from the start of {@code telecom.events}. Run once the service has
 * stopped, on the same broker, so the ratio of the service's rate to this one survives a noisy
 * machine better than either figure alone.
 */
final class RawConsume {
    /** @param timed the events read after the first batch, over {@code seconds} */
    record Result(long events, long timed, double seconds) {
        double perSecond() {
            return seconds <= 0 ? 0 : timed / seconds;
        }
    }

    private RawConsume() {
    }

    static Result read(String bootstrap, String topic, int maxPollRecords) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long bytes = 0;
            long first = 0;
            long firstBatch = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (read < total && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (first == 0 && !records.isEmpty()) {
                    first = System.nanoTime();
                    firstBatch = records.count();
                }
                for (var r : records) {
                    bytes += r.value().length; // touch the payload, as any consumer must
                }
                read += records.count();
            }
            // Timed from the first batch in hand: connecting and fetching metadata is not reading.
            return new Result(read, read - firstBatch, first == 0 ? 0 : (System.nanoTime() - first) / 1e9);
        }
    }
}
