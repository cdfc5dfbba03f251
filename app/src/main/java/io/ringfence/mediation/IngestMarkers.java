package io.ringfence.mediation;

import io.ringfence.stream.KafkaClientProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka side of exactly-once: the transactional producer every file is sent with, and the marker
 * topic that records, inside each file's transaction, that the file was sent. The ledger in PostgreSQL is
 * written after the transaction commits; when a crash falls between the two, the marker is the truth.
 */
final class IngestMarkers {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private IngestMarkers() {
    }

    /** A transactional producer, its id's previous transaction (a crashed run's) aborted by the init. */
    static KafkaProducer<byte[], byte[]> producer(KafkaTarget target) {
        Properties p = clientBase(target);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, target.transactionalId());
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) target.transactionTimeout().toMillis());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p);
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        return producer;
    }

    /** The operator's TLS and SASL settings, under the ones exactly-once needs. */
    private static Properties clientBase(KafkaTarget target) {
        return KafkaClientProperties.base(target.clientProperties(), "");
    }

    static byte[] marker(String fileName, long sent, long rejected) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("file", fileName);
        m.put("sent", sent);
        m.put("rejected", rejected);
        try {
            return JSON.writeValueAsBytes(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a map of a string and two numbers is JSON", e);
        }
    }

    /**
     * The counts of the committed transaction that holds the marker of this checksum, or null if none does. Reads the whole marker topic
     * (one small record per file ever ingested), and only after an interrupted run.
     */
    static Outcome committed(KafkaTarget target, String checksum) {
        Properties p = clientBase(target);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        byte[] key = checksum.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<PartitionInfo> infos = c.partitionsFor(target.markerTopic(), Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return null;
            }
            List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            // read_committed end offsets: nothing past them can be a committed marker
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (java.util.Arrays.equals(r.key(), key)) {
                        return counts(r.value());
                    }
                }
            }
            return null;
        }
    }

    private static Outcome counts(byte[] marker) {
        try {
            com.fasterxml.jackson.databind.JsonNode m = JSON.readTree(marker);
            return Outcome.done(m.path("sent").asLong(), m.path("rejected").asLong());
        } catch (java.io.IOException e) {
            return Outcome.done(0, 0); // our own marker; if it were ever unreadable, the file was still sent
        }
    }
}
