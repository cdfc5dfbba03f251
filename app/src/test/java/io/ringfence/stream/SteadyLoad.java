package io.ringfence.stream;

import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated day sent to {@code telecom.events} at a steady rate, keyed by subscriber, until stopped or the day
 * ends: the traffic a switch keeps sending while the service is being changed under it.
 */
final class SteadyLoad implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Iterator<TelecomEvent> day;
    private final long perSecond;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    private SteadyLoad(EmbeddedServers servers, long seed, int subscribers, int hours, long perSecond) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
        this.day = new TrafficSimulator(new SimulationConfig(seed, subscribers, SimulationConfig.DEFAULT_START, hours, 1))
                .iterator();
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "steady-load");
    }

    /** {@code hours} of simulated traffic (at least 24), sent at {@code perSecond}. */
    static SteadyLoad start(EmbeddedServers servers, long seed, int subscribers, int hours, long perSecond) {
        SteadyLoad load = new SteadyLoad(servers, seed, subscribers, hours, perSecond);
        load.thread.start();
        return load;
    }

    private void run() {
        long started = System.nanoTime();
        try {
            while (running.get() && day.hasNext()) {
                TelecomEvent e = day.next();
                producer.send(new ProducerRecord<>(StreamFixture.EVENTS, e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e)), (m, ex) -> {
                            if (ex != null) {
                                failure.compareAndSet(null, ex);
                            }
                        });
                long due = started + sent.incrementAndGet() * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            running.set(false);
        }
    }

    int sent() {
        return sent.get();
    }

    /** Still sending: neither stopped nor at the end of the day. */
    boolean running() {
        return running.get();
    }

    /** Stops sending, waits until the broker has every event, and returns how many were sent. */
    int stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        producer.flush();
        if (failure.get() != null) {
            throw new AssertionError("the load's producer failed", failure.get());
        }
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
        producer.close();
    }
}
