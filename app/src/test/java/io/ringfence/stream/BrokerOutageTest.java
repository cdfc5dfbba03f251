package io.ringfence.stream;

import io.ringfence.ingest.EventJson;
import io.ringfence.event.TelecomEvent;
import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker dies in the middle of a stream and comes back: the service rides the outage out, then
 * every event is stored once, every decision reaches the switches, and nothing waits in the outbox.
 */
class BrokerOutageTest {
    private static final String EVENTS = "telecom.events";

    @TempDir
    Path dir;

    @Test
    void theServiceRidesOutABrokerOutageWithoutLosingOrRepeatingAnything() throws Exception {
        List<TelecomEvent> day = new ArrayList<>();
        new TrafficSimulator(new SimulationConfig(29, 600, SimulationConfig.DEFAULT_START, 24, 1)).forEach(day::add);
        List<TelecomEvent> first = day.subList(0, day.size() / 2);
        List<TelecomEvent> second = day.subList(day.size() / 2, day.size());

        try (EmbeddedServers servers = EmbeddedServers.start(1, "unused");
             BrokerProcess broker = BrokerProcess.format(dir.resolve("kafka"))) {
            broker.start();
            broker.createTopics(2, EVENTS, "telecom.events.dlq", "fraud.alerts", "fraud.decisions");
            try (ServiceProcess service = ServiceProcess.start(servers, broker.bootstrap(), dir.resolve("service.log"))) {
                service.awaitLog("Partitions assigned", Duration.ofMinutes(3));
                produce(broker, first);
                await(Duration.ofMinutes(2), () -> stored(servers) > 0);

                // At the first committed batch: on most machines the first half is still being worked through,
                // so the outage cuts the consumer's fetches and the relay's publishing mid-stream.
                System.out.println("stored when the broker died: " + stored(servers) + " of " + first.size());
                broker.kill();
                Thread.sleep(15_000);
                assertThat(service.alive()).as("the service outlives the broker").isTrue();

                broker.start();
                produce(broker, second);
                await(Duration.ofMinutes(10), () -> stored(servers) == day.size()
                        && StreamFixture.count(servers, "SELECT count(*) FROM outbox") == 0);

                assertThat(StreamFixture.count(servers, "SELECT count(DISTINCT event_id) FROM event_history"))
                        .as("every event stored once").isEqualTo(day.size());
                Set<String> sent = new HashSet<>();
                try (Connection c = StreamFixture.connect(servers); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT decision_id FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted")) {
                    while (rs.next()) {
                        sent.add(rs.getString(1));
                    }
                }
                assertThat(sent).as("the day has decisions").isNotEmpty();
                Set<String> onTopic = new HashSet<>();
                StreamFixture.decisionsOnTopic(broker.bootstrap()).forEach(d -> onTopic.add(d.path("decisionId").asText()));
                assertThat(onTopic).as("every sent decision reached fraud.decisions, and no other")
                        .isEqualTo(sent);
            }
        }
    }

    private static long stored(EmbeddedServers servers) throws Exception {
        return StreamFixture.count(servers, "SELECT count(*) FROM event_history");
    }

    private static void produce(BrokerProcess broker, List<TelecomEvent> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (TelecomEvent e : events) {
                producer.send(new ProducerRecord<>(EVENTS, e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e)));
            }
            producer.flush();
        }
    }

    private static void await(Duration timeout, Callable<Boolean> done) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.call()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(500);
        }
    }
}
