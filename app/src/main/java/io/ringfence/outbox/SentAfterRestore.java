package io.ringfence.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the topics hold beyond the offsets the store recorded as published ({@code outbox_published}). Normally
 * nothing: the relay records the offsets in the transaction that clears what it sent. After the database was
 * restored from a backup, the store is behind the topics, and the messages beyond its offsets were sent after
 * the backup was taken; the restored service re-decides the same events and would send them again. The relay
 * reads them once, before its first batch, and leaves out every message whose id is among them.
 */
final class SentAfterRestore {
    private static final Logger log = LoggerFactory.getLogger(SentAfterRestore.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Ids a message is known by, by topic kind: a decision, an alert, a refund order. */
    private static final Set<String> ID_FIELDS = Set.of("decisionId", "alertId", "refundId");
    /** A bound on what is read back: beyond it, consumers' dedupe by id is what is left (said in the log). */
    static final int MAX_RECORDS = 2_000_000;

    private final JdbcTemplate jdbc;
    private final Supplier<Consumer<byte[], byte[]>> reader;
    private Map<String, Integer> sent;

    SentAfterRestore(JdbcTemplate jdbc, Supplier<Consumer<byte[], byte[]>> reader) {
        this.jdbc = jdbc;
        this.reader = reader;
    }

    /**
     * Whether a message with this identity was sent after the store's recorded offsets and not yet left out: reads
     * the topics back on the first call, and counts each message read as one to leave out (an alert updated while
     * its incident lasts goes out once per update under one id).
     */
    boolean takeIfSent(String topic, String payload) {
        if (sent == null) {
            sent = readBack();
        }
        if (sent.isEmpty()) {
            return false;
        }
        String id = identity(topic, payload);
        Integer n = sent.get(id);
        if (n == null) {
            return false;
        }
        if (n > 1) {
            sent.put(id, n - 1);
        } else {
            sent.remove(id);
        }
        return true;
    }

    /** The identity of an outbox message: its topic and its id, or the digest of its payload if it has none. */
    static String identity(String topic, String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (ID_FIELDS.contains(name) && value == JsonToken.VALUE_STRING) {
                        return topic + " " + name + " " + p.getText();
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: the digest below identifies it
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return topic + " sha256 " + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> readBack() {
        Map<TopicPartition, Long> recorded = new HashMap<>();
        jdbc.query("SELECT topic, partition, next_offset FROM outbox_published", rs -> {
            recorded.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        });
        Map<String, Integer> ids = new HashMap<>();
        if (recorded.isEmpty()) {
            return ids;
        }
        try (Consumer<byte[], byte[]> consumer = reader.get()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(recorded.keySet(), Duration.ofSeconds(30));
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> r : recorded.entrySet()) {
                long e = end.getOrDefault(r.getKey(), 0L);
                if (e > r.getValue()) {
                    behind.put(r.getKey(), e);
                }
            }
            if (behind.isEmpty()) {
                return ids;
            }
            consumer.assign(behind.keySet());
            behind.keySet().forEach(tp -> consumer.seek(tp, recorded.get(tp)));
            int read = 0;
            Set<TopicPartition> open = new HashSet<>(behind.keySet());
            while (!open.isEmpty() && read < MAX_RECORDS) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    ids.merge(identity(r.topic(), new String(r.value() == null ? new byte[0] : r.value(),
                            StandardCharsets.UTF_8)), 1, Integer::sum);
                }
                // A transaction's markers and aborted records occupy offsets a read-committed poll never returns.
                open.removeIf(tp -> consumer.position(tp) >= behind.get(tp));
            }
            if (!open.isEmpty()) {
                log.warn("The topics hold more than {} messages beyond what the store recorded as sent ({}): the rest"
                        + " may be sent again after this restore; consumers drop a decision id they already have",
                        MAX_RECORDS, open);
            }
            log.warn("The store is behind the topics it publishes to (restored from a backup?): {} messages were sent"
                    + " after its recorded offsets {}; the relay will not send them again", read, recorded);
            return ids;
        }
    }
}
