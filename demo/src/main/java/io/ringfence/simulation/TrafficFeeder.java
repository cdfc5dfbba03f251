package io.ringfence.simulation;

import io.ringfence.event.TelecomEvent;
import io.ringfence.ingest.EventJson;
import io.ringfence.stream.KafkaSettings;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's traffic: a simulated day of the demo network, produced to {@code telecom.events} keyed
 * by subscriber at a steady rate, as switches and probes would send it. The service consumes it like
 * any other traffic, so a newcomer sees alerts and decisions flow through the real path.
 */
@Component
@ConditionalOnProperty(name = "ringfence.demo.enabled", havingValue = "true", matchIfMissing = true)
public class TrafficFeeder implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TrafficFeeder.class);

    private final DemoProperties properties;
    private final KafkaSettings kafka;
    private volatile boolean running;
    private Thread thread;

    public TrafficFeeder(DemoProperties properties, KafkaSettings kafka) {
        this.properties = properties;
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void feed() {
        long seed = properties.seed() != null ? properties.seed() : ThreadLocalRandom.current().nextLong();
        SimulationConfig config = new SimulationConfig(seed, properties.subscribers(), SimulationConfig.DEFAULT_START,
                24, properties.incidents());
        running = true;
        thread = new Thread(() -> run(config), "ringfence-demo-feeder");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(SimulationConfig config) {
        log.info("Demo: feeding a simulated day ({} subscribers, seed {}; repeat with --ringfence.demo.seed={}) to {} at {} events/s",
                config.subscribers(), config.seed(), config.seed(), kafka.topics().events(), properties.rate());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long sent = 0;
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (TelecomEvent e : new TrafficSimulator(config)) {
                if (!running) {
                    break;
                }
                producer.send(new ProducerRecord<>(kafka.topics().events(),
                        e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e)));
                sent++;
                pace(sent, start);
            }
            producer.flush();
        }
        log.info("Demo: the simulated day is fed ({} events)", sent);
    }

    private void pace(long sent, long startNanos) {
        long due = startNanos + sent * 1_000_000_000L / Math.max(1, properties.rate());
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void start() {
        // fed on ApplicationReadyEvent, once the consumer is up
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
