package io.ringfence.loadtest;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switches' side: a simulated day produced to {@code telecom.events}, keyed by subscriber, at a
 * fixed rate (or as fast as the producer goes), recording when each event was handed to Kafka. The
 * simulator runs in this thread, as part of the producer's cost, as a mediation platform's would.
 */
final class Feed implements Runnable {
    private final String bootstrap;
    private final String topic;
    private final SimulationConfig day;
    private final int rate;
    private final long untilNanos;
    private final long maxEvents;
    private final SendTimes times;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong offsetMismatches = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile boolean dayOver;
    private volatile long startedNanos;
    private volatile long endedNanos;

    /**
     * @param rate       events per second; 0 for as fast as possible
     * @param untilNanos when to stop producing ({@link System#nanoTime()}), if the day lasts that long
     * @param maxEvents  when to stop producing, counted in events
     */
    Feed(String bootstrap, String topic, SimulationConfig day, int rate, long untilNanos, long maxEvents, SendTimes times) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.day = day;
        this.rate = rate;
        this.untilNanos = untilNanos;
        this.maxEvents = maxEvents;
        this.times = times;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int partitions = times.partitions();
        Iterator<TelecomEvent> events = new TrafficSimulator(day).iterator();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            long start = System.nanoTime();
            startedNanos = start;
            long sent = 0;
            while (running) {
                long now = System.nanoTime();
                if (now >= untilNanos || sent >= maxEvents) {
                    break;
                }
                if (rate > 0) {
                    long due = start + sent * 1_000_000_000L / rate;
                    // Up to a millisecond early, so that a paced feed sends small bursts instead of spinning.
                    if (due - now > 1_000_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now - 1_000_000);
                        continue;
                    }
                }
                if (!events.hasNext()) {
                    dayOver = true;
                    break;
                }
                TelecomEvent e = events.next();
                byte[] key = e.getSubscriber().getBytes(StandardCharsets.UTF_8);
                byte[] value = EventJson.toJsonBytes(e);
                // The default partitioner's choice for a keyed record, made here so that the offset is known.
                int partition = Utils.toPositive(Utils.murmur2(key)) % partitions;
                long expected = times.sent(partition, e.getTimestampMillis(), System.nanoTime());
                producer.send(new ProducerRecord<>(topic, partition, key, value), (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    } else {
                        if (meta.offset() != expected) {
                            offsetMismatches.incrementAndGet();
                        }
                        acked.incrementAndGet();
                    }
                });
                sent++;
            }
            producer.flush();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            endedNanos = System.nanoTime();
        }
    }

    void stop() {
        running = false;
    }

    long produced() {
        return times.count();
    }

    long acked() {
        return acked.get();
    }

    long offsetMismatches() {
        return offsetMismatches.get();
    }

    Exception failure() {
        return failure.get();
    }

    boolean dayOver() {
        return dayOver;
    }

    long startedNanos() {
        return startedNanos;
    }

    long endedNanos() {
        return endedNanos;
    }
}
