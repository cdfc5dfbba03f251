package io.ringfence.loadtest;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switches' side: a simulated day ({@link RenderedDay}) produced to {@code telecom.events}, keyed by
 * subscriber, at a fixed rate (or as fast as the producer goes), reached after a linear ramp if one is
 * asked for, recording when each event was handed to Kafka.
 */
final class Feed implements Runnable {
    private final String bootstrap;
    private final String topic;
    private final RenderedDay day;
    private final int rate;
    private final long rampNanos;
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
     * @param rate        events per second; 0 for as fast as possible
     * @param rampSeconds seconds over which the rate rises linearly from 0 to {@code rate}
     * @param untilNanos  when to stop producing ({@link System#nanoTime()}), if the day lasts that long
     * @param maxEvents   when to stop producing, counted in events
     */
    Feed(String bootstrap, String topic, RenderedDay day, int rate, int rampSeconds, long untilNanos, long maxEvents,
         SendTimes times) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.day = day;
        this.rate = rate;
        this.rampNanos = rampSeconds * 1_000_000_000L;
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
                    long due = start + dueAfter(sent);
                    // Up to a millisecond early, so that a paced feed sends small bursts instead of spinning.
                    if (due - now > 1_000_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - now - 1_000_000);
                        continue;
                    }
                }
                if (sent >= day.size()) {
                    dayOver = true;
                    break;
                }
                int i = (int) sent;
                int partition = day.partition(i);
                long expected = times.sent(partition, day.eventTime(i), System.nanoTime());
                producer.send(new ProducerRecord<>(topic, partition, day.keys.get(i), day.values.get(i)), (meta, ex) -> {
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

    /**
     * When the {@code n}th event is due after the start: events sent by time t are rate·t²/2T during a
     * ramp of T, then rate·T/2 + rate·(t − T).
     */
    private long dueAfter(long n) {
        return dueAfter(n, rate, rampNanos);
    }

    static long dueAfter(long n, int rate, long rampNanos) {
        double perNano = rate / 1e9;
        double rampEvents = perNano * rampNanos / 2;
        if (n < rampEvents) {
            return (long) Math.sqrt(2.0 * rampNanos * n / perNano);
        }
        return (long) (n / perNano + rampNanos / 2.0);
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
