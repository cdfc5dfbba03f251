package io.ringfence.loadtest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A switch reading {@code fraud.decisions}: each decision's latency is from the produce time of the
 * event that led to it to its arrival here. Decisions carry their event time ({@code decidedAt}, the
 * newest evidence), not the triggering record, so the trigger is taken as the first event sent with
 * that event time or later: the earliest it can have been produced, which can only overstate.
 */
final class DecisionWatcher implements Runnable {
    private final KafkaConsumer<byte[], String> consumer;
    private final SendTimes times;
    private final long measureFromNanos;
    private final Latency latency = new Latency();
    private volatile long received;
    private volatile boolean running = true;
    private volatile Exception failure;

    DecisionWatcher(String bootstrap, String topic, SendTimes times, long measureFromNanos) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(p);
        // Assigned, not subscribed: no group to join, so nothing published before the first poll is missed.
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        this.times = times;
        this.measureFromNanos = measureFromNanos;
    }

    @Override
    public void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], String> records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], String> r : records) {
                    received++;
                    long sent = times.firstSentAtOrAfter(DurableWatcher.decidedAt(r.value()));
                    if (sent >= measureFromNanos) {
                        latency.record(now - sent);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // stopped
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    long received() {
        return received;
    }

    Latency latency() {
        return latency;
    }

    Exception failure() {
        return failure;
    }
}
