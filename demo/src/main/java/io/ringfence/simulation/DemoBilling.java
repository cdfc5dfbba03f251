package io.ringfence.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringfence.stream.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The demo's billing system: it credits every refund order Ringfence sends on {@code billing.refunds} and says so on
 * {@code billing.refunds.acks}, as an operator's billing would (docs/integration.md, "Billing"), so a refund in the
 * zero-setup run is applied and its case closes. Only with the demo's feeder, on the process's own servers (so
 * without the TLS and SASL settings a real broker needs).
 */
@Component
@ConditionalOnProperty(name = "ringfence.demo.enabled", havingValue = "true", matchIfMissing = true)
public class DemoBilling {
    private static final Logger log = LoggerFactory.getLogger(DemoBilling.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaSettings kafka;
    private final String orders;
    private final String acks;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public DemoBilling(KafkaSettings kafka, @Value("${ringfence.cases.refunds-topic:billing.refunds}") String orders,
                       @Value("${ringfence.cases.refund-acks-topic:billing.refunds.acks}") String acks) {
        this.kafka = kafka;
        this.orders = orders;
        this.acks = acks;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (acks.isBlank() || kafka.bootstrapServers() == null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "ringfence-demo-billing");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "ringfence-demo-billing");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, String> in = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
             KafkaProducer<String, String> out = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            consumer = in;
            in.subscribe(List.of(orders));
            long credits = 0;
            while (running) {
                for (ConsumerRecord<String, String> r : in.poll(Duration.ofMillis(500))) {
                    JsonNode order;
                    try {
                        order = JSON.readTree(r.value());
                    } catch (java.io.IOException e) {
                        log.warn("Demo billing: {}-{}@{} is not a refund order, skipped", r.topic(), r.partition(), r.offset());
                        continue;
                    }
                    ObjectNode ack = JSON.createObjectNode();
                    ack.put("refundId", order.path("refundId").asText());
                    ack.put("status", "APPLIED");
                    ack.put("reference", "DEMO-CREDIT-" + (++credits));
                    ack.set("amount", order.path("amount"));
                    ack.put("currency", order.path("currency").asText());
                    ack.put("at", clock.instant().toString());
                    out.send(new ProducerRecord<>(acks, r.key(), ack.toString()));
                    log.info("Demo billing: credited {} {} for {}", order.path("amount"), order.path("currency").asText(),
                            order.path("refundId").asText());
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } catch (Exception e) {
            log.warn("Demo billing stopped: {}", e.toString());
        }
    }

    @EventListener(ContextClosedEvent.class)
    public void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5000);
        }
    }
}
