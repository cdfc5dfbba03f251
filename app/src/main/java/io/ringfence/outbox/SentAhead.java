package io.ringfence.outbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the topics hold beyond the offsets the store recorded as published ({@code outbox_published}), and the
 * outbox rows that are therefore sent already. Normally nothing: the relay records the offsets in the transaction
 * that clears what it sent. A store restored from a backup is behind the topics (the restored service decides the
 * later events again and would send them again), and so is a relay that stopped between the broker's
 * acknowledgement and its commit. {@link #catchUp} reads what lies beyond into {@code outbox_sent_ahead};
 * {@link #alreadySent} uses those entries up. Both run in the relay's transaction, under its lock, so every
 * instance sees the same entries and a batch that rolls back keeps them.
 */
final class SentAhead {
    private static final Logger log = LoggerFactory.getLogger(SentAhead.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** Ids a message is known by whatever else a second decision on the same events changes. */
    private static final Set<String> ID_FIELDS = Set.of("decisionId", "refundId");
    /** An alert goes out again with each update of its incident: its id and its content together. */
    private static final String ALERT_ID = "alertId";
    /** A bound on what is read back: beyond it, consumers' dedupe by id is what is left (said in the log). */
    static final int MAX_RECORDS = 2_000_000;
    private static final int CHUNK = 10_000;
    private static final Duration META_TIMEOUT = Duration.ofSeconds(10);
    private static final String UPSERT_PUBLISHED = "INSERT INTO outbox_published (topic, partition, next_offset,"
            + " published_at) VALUES (?, ?, ?, now()) ON CONFLICT (topic, partition) DO UPDATE SET published_at = now(),"
            + " next_offset = ";

    private final JdbcTemplate jdbc;
    private final Supplier<Consumer<byte[], byte[]>> reader;
    private final Duration budget;

    SentAhead(JdbcTemplate jdbc, Supplier<Consumer<byte[], byte[]>> reader, Duration budget) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.budget = budget;
    }

    /** The identity of an outbox message on {@code topic}. */
    static String identity(String topic, String payload) {
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING && ID_FIELDS.contains(name)) {
                        return topic + " " + name + " " + p.getText();
                    }
                    if (value == JsonToken.VALUE_STRING && ALERT_ID.equals(name)) {
                        return topic + " " + name + " " + p.getText() + " " + digest(payload);
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: the digest below identifies it
        }
        return topic + " sha256 " + digest(payload);
    }

    /** An outbox row as the relay holds it. */
    record Message(long id, String topic, String payload) {
    }

    /**
     * The ids of {@code messages} (in outbox order) that were sent already; their entries are used up in the
     * caller's transaction. Normally there are none, and no message is parsed to find out.
     */
    Set<Long> alreadySent(List<Message> messages) {
        Boolean any = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM outbox_sent_ahead)", Boolean.class);
        if (!Boolean.TRUE.equals(any)) {
            return Set.of();
        }
        List<Map.Entry<Long, String>> rows = messages.stream()
                .map(m -> Map.entry(m.id(), identity(m.topic(), m.payload()))).toList();
        String[] identities = rows.stream().map(Map.Entry::getValue).distinct().toArray(String[]::new);
        Map<String, Integer> remaining = new HashMap<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement("SELECT identity, remaining FROM outbox_sent_ahead WHERE identity = ANY (?)"
                    + " FOR UPDATE");
            ps.setArray(1, con.createArrayOf("text", identities));
            return ps;
        }, rs -> {
            remaining.put(rs.getString(1), rs.getInt(2));
        });
        if (remaining.isEmpty()) {
            return Set.of();
        }
        Set<Long> skip = new HashSet<>();
        Map<String, Integer> left = new HashMap<>(remaining);
        for (Map.Entry<Long, String> r : rows) {
            Integer n = left.get(r.getValue());
            if (n != null && n > 0) {
                skip.add(r.getKey());
                left.put(r.getValue(), n - 1);
            }
        }
        for (Map.Entry<String, Integer> e : left.entrySet()) {
            if (e.getValue() == 0) {
                jdbc.update("DELETE FROM outbox_sent_ahead WHERE identity = ?", e.getKey());
            } else if (!e.getValue().equals(remaining.get(e.getKey()))) {
                jdbc.update("UPDATE outbox_sent_ahead SET remaining = ? WHERE identity = ?", e.getValue(), e.getKey());
            }
        }
        return skip;
    }

    /**
     * Reads what the topics hold beyond the recorded offsets into {@code outbox_sent_ahead} and moves the offsets to
     * where it read to. A failure (a broker away, a topic gone) is logged and leaves things as they were: the relay
     * goes on, and a consumer drops a decision id it already has.
     */
    void catchUp(BooleanSupplier running) {
        // An entry a day old matches nothing any more: what it stood for was decided again, or never will be.
        jdbc.update("DELETE FROM outbox_sent_ahead WHERE read_at < now() - interval '1 day'");
        Map<TopicPartition, Long> recorded = new HashMap<>();
        Map<String, Timestamp> lastPublished = new HashMap<>();
        jdbc.query("SELECT topic, partition, next_offset, published_at FROM outbox_published", rs -> {
            recorded.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            lastPublished.merge(rs.getString(1), rs.getTimestamp(4), (a, b) -> a.after(b) ? a : b);
        });
        if (recorded.isEmpty()) {
            return;
        }
        try (Consumer<byte[], byte[]> consumer = reader.get()) {
            Map<TopicPartition, Long> from = startingPoints(consumer, recorded, lastPublished);
            Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet(), META_TIMEOUT);
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> f : from.entrySet()) {
                long e = end.getOrDefault(f.getKey(), f.getValue());
                if (e < f.getValue()) {
                    log.warn("{} ends at offset {}, before the {} the store recorded (the topic was recreated, or this"
                            + " is another cluster): recorded as its end", f.getKey(), e, f.getValue());
                    record(f.getKey(), e, true);
                } else if (e > f.getValue()) {
                    behind.put(f.getKey(), e);
                }
            }
            if (!behind.isEmpty()) {
                readBack(consumer, from, behind, running);
            }
        } catch (KafkaException e) {
            log.warn("outbox relay: could not read back what the topics hold beyond the recorded offsets ({}); messages"
                    + " sent but not recorded may be sent again, and consumers drop a decision id they already have",
                    e.getMessage());
        }
    }

    /** The recorded offsets, and for a partition of the same topic without one, the first message since its last. */
    private Map<TopicPartition, Long> startingPoints(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> recorded,
                                                     Map<String, Timestamp> lastPublished) {
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> unrecorded = new HashMap<>();
        for (Map.Entry<String, Timestamp> topic : lastPublished.entrySet()) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic.getKey(), META_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                log.warn("outbox relay: topic {} is not on the brokers; nothing of it is read back", topic.getKey());
                continue;
            }
            for (PartitionInfo p : partitions) {
                TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                Long at = recorded.get(tp);
                if (at != null) {
                    from.put(tp, at);
                } else {
                    unrecorded.put(tp, topic.getValue().getTime());
                }
            }
        }
        if (!unrecorded.isEmpty()) {
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> o : consumer.offsetsForTimes(unrecorded, META_TIMEOUT).entrySet()) {
                if (o.getValue() != null) {
                    from.put(o.getKey(), o.getValue().offset());
                }
            }
        }
        return from;
    }

    private void readBack(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> from,
                          Map<TopicPartition, Long> behind, BooleanSupplier running) {
        consumer.assign(behind.keySet());
        behind.keySet().forEach(tp -> consumer.seek(tp, from.get(tp)));
        long deadline = System.nanoTime() + budget.toNanos();
        int read = 0;
        Map<String, Integer> chunk = new HashMap<>();
        Set<TopicPartition> open = new HashSet<>(behind.keySet());
        while (!open.isEmpty() && read < MAX_RECORDS && running.getAsBoolean() && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                read++;
                chunk.merge(identity(r.topic(), r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8)),
                        1, Integer::sum);
            }
            if (chunk.size() >= CHUNK) {
                store(chunk);
            }
            // A transaction's markers and aborted records take offsets a read-committed poll never returns.
            open.removeIf(tp -> consumer.position(tp) >= behind.get(tp));
        }
        store(chunk);
        for (TopicPartition tp : behind.keySet()) {
            record(tp, consumer.position(tp), false);
        }
        if (!open.isEmpty()) {
            log.warn("outbox relay: stopped reading back at {} messages ({} of {}): the rest may be sent again; consumers"
                    + " drop a decision id they already have", read, open, read >= MAX_RECORDS ? "the bound" : "the time");
        }
        log.warn("outbox relay: the store was behind the topics it publishes to (restored from a backup, or a relay"
                + " stopped before its commit): {} messages were sent beyond its recorded offsets; they will not be sent"
                + " again", read);
    }

    private void store(Map<String, Integer> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(chunk.size());
        chunk.forEach((identity, n) -> rows.add(new Object[] {identity, n}));
        jdbc.batchUpdate("INSERT INTO outbox_sent_ahead (identity, remaining, read_at) VALUES (?, ?, now())"
                + " ON CONFLICT (identity) DO UPDATE SET remaining = outbox_sent_ahead.remaining + EXCLUDED.remaining,"
                + " read_at = now()", rows);
        chunk.clear();
    }

    /** Where a relay batch left the partitions it published to, in the batch's transaction. */
    void recordPublished(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(nextOffsets.size());
        nextOffsets.forEach((tp, next) -> rows.add(new Object[] {tp.topic(), tp.partition(), next}));
        jdbc.batchUpdate(UPSERT_PUBLISHED + "GREATEST(outbox_published.next_offset, EXCLUDED.next_offset)", rows);
    }

    /** Where a read-back left a partition; {@code reset} moves it back (a recreated topic). */
    private void record(TopicPartition tp, long nextOffset, boolean reset) {
        jdbc.update(UPSERT_PUBLISHED + (reset ? "EXCLUDED.next_offset"
                        : "GREATEST(outbox_published.next_offset, EXCLUDED.next_offset)"),
                tp.topic(), tp.partition(), nextOffset);
    }

    private static String digest(String payload) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
