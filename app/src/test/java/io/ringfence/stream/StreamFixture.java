package io.ringfence.stream;

import io.ringfence.event.TelecomEvent;
import io.ringfence.embedded.EmbeddedServers;
import io.ringfence.ingest.EventJson;
import io.ringfence.simulator.SimulationConfig;
import io.ringfence.simulator.TrafficSimulator;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Traffic in, and the store read back, for tests that run the service as processes. */
final class StreamFixture {
    static final String EVENTS = "telecom.events";
    static final int PARTITIONS = 4;

    private StreamFixture() {
    }

    static final String SUBJECT = "ringfence.subject-events";

    static EmbeddedServers servers() {
        return servers(PARTITIONS);
    }

    static EmbeddedServers servers(int partitions) {
        return EmbeddedServers.start(partitions, EVENTS, "telecom.events.dlq", "fraud.alerts", "fraud.decisions");
    }

    /** Produces a simulated day keyed by subscriber; returns how many events. */
    static int produceDay(EmbeddedServers servers, long seed, int subscribers) {
        return produce(servers, new TrafficSimulator(new SimulationConfig(seed, subscribers,
                SimulationConfig.DEFAULT_START, 24, 1)));
    }

    /** Produces {@code events} keyed by subscriber, every one acknowledged; returns how many. */
    static int produce(EmbeddedServers servers, Iterable<TelecomEvent> events) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        int n = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (TelecomEvent e : events) {
                producer.send(new ProducerRecord<>(EVENTS, e.getSubscriber().getBytes(StandardCharsets.UTF_8),
                        EventJson.toJsonBytes(e)));
                n++;
            }
            producer.flush();
        }
        return n;
    }

    /** The end offset of every partition of the events topic. */
    static Map<Integer, Long> endOffsets(EmbeddedServers servers) throws Exception {
        return endOffsets(servers, EVENTS, PARTITIONS);
    }

    static Map<Integer, Long> endOffsets(EmbeddedServers servers, String topic, int partitions) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers.kafkaBootstrapServers());
        try (AdminClient admin = AdminClient.create(p)) {
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                ask.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<Integer, Long> out = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                    : admin.listOffsets(ask).all().get().entrySet()) {
                out.put(e.getKey().partition(), e.getValue().offset());
            }
            return out;
        }
    }

    /** What the store says it has durably processed, per partition. */
    static Map<Integer, Long> committedOffsets(EmbeddedServers servers) throws SQLException {
        return committedOffsets(servers, EVENTS);
    }

    /**
     * Whether both stages have committed everything on their topics (the subject stage's topic is read only once the
     * events topic is done: it is complete then) and the outbox is empty.
     */
    static boolean settled(EmbeddedServers servers, int partitions, boolean twoStages) throws Exception {
        if (!committedOffsets(servers).equals(endOffsets(servers, EVENTS, partitions))) {
            return false;
        }
        if (twoStages) {
            Map<Integer, Long> end = endOffsets(servers, SUBJECT, partitions);
            Map<Integer, Long> committed = committedOffsets(servers, SUBJECT);
            for (Map.Entry<Integer, Long> e : end.entrySet()) {
                if (e.getValue() > 0 && !e.getValue().equals(committed.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return count(servers, "SELECT count(*) FROM outbox") == 0;
    }

    static Map<Integer, Long> committedOffsets(EmbeddedServers servers, String topic) throws SQLException {
        Map<Integer, Long> out = new HashMap<>();
        try (Connection c = connect(servers); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partition, next_offset FROM ingest_offset WHERE topic = '" + topic + "'")) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("does not exist")) {
                return out; // the first instance has not migrated the schema yet
            }
            throw e;
        }
        return out;
    }

    /** What a switch reads on {@code fraud.decisions}: every message from the beginning to the end it has now. */
    static List<com.fasterxml.jackson.databind.JsonNode> decisionsOnTopic(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> out = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(p,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("fraud.decisions", java.time.Duration.ofSeconds(30))
                    .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long until = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > until) {
                    throw new AssertionError("fraud.decisions not read to its end " + end + " within a minute");
                }
                for (var r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    out.add(json.readTree(r.value()));
                }
            }
        }
        return out;
    }

    /** The block orders a switch reads on {@code fraud.decisions}: action and target, one line each. */
    static java.util.Set<String> blockOrders(EmbeddedServers servers) throws Exception {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode d : decisionsOnTopic(servers.kafkaBootstrapServers())) {
            if (d.path("action").asText().startsWith("BLOCK_")) {
                out.add(d.path("action").asText() + " " + d.path("target").path("kind").asText() + ":"
                        + d.path("target").path("value").asText());
            }
        }
        return out;
    }

    /** The first column of each row, as sorted lines: a difference reads plainly in an assertion. */
    static java.util.Set<String> lines(Connection c, String sql) throws SQLException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static long count(EmbeddedServers servers, String sql) throws SQLException {
        try (Connection c = connect(servers); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Connection connect(EmbeddedServers servers) throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(), "postgres", "postgres");
    }
}
