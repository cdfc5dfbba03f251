package io.ringfence.stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Properties;

/**
 * The stream's Kafka clients as {@code ringfence.kafka} configures them. The consumer never commits on its
 * own (offsets live in the database, Kafka's follow for lag tools) and reads only committed transactions;
 * the producer (dead letters, outbox) is idempotent and waits for every replica. Both start from the
 * operator's pass-through settings (TLS, SASL), which cannot override these.
 */
@Component
class KafkaClients {
    private static final int KAFKA_DEFAULT_PARTITION_FETCH = 1024 * 1024;
    private static final int SMALLEST_PARTITION_FETCH = 64 * 1024;

    private final KafkaSettings settings;
    private final int partitionFetchBytes;

    KafkaClients(KafkaSettings settings, @Value("${ringfence.stream.threads:0}") int threads) {
        this.settings = settings;
        this.partitionFetchBytes = settings.maxPartitionFetchBytes() > 0 ? settings.maxPartitionFetchBytes()
                : Math.max(SMALLEST_PARTITION_FETCH, KAFKA_DEFAULT_PARTITION_FETCH / Math.max(1, PartitionWorkers.threads(threads)));
        KafkaClientProperties.base(settings); // a refused pass-through key stops the start, before any client exists
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return consumer(settings.groupId());
    }

    KafkaConsumer<byte[], byte[]> consumer(String groupId) {
        Properties p = KafkaClientProperties.base(settings);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.fetchMinBytes());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, settings.fetchMaxWaitMs());
        // So that a poll of a backlog holds several partitions, one for each thread (KafkaSettings).
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, partitionFetchBytes);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    /** A consumer outside the group, for reading a topic back (what the outbox sent after a restored backup). */
    KafkaConsumer<byte[], byte[]> reader() {
        Properties p = KafkaClientProperties.base(settings);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(p);
    }

    org.apache.kafka.clients.admin.Admin admin() {
        Properties p = KafkaClientProperties.base(settings);
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return org.apache.kafka.clients.admin.Admin.create(p);
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties p = KafkaClientProperties.base(settings);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }
}
