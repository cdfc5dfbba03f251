package io.ringfence.outbox;

import io.ringfence.tracing.Traces;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The transactional outbox: what Kafka consumers will receive, written in the same transaction as the
 * state it announces and published by an {@link OutboxRelay} after the commit. The only class, with
 * its relay, that names the {@code outbox} table.
 */
@Component
public class Outbox {
    private static final String INSERT = "INSERT INTO outbox (topic, msg_key, payload, traceparent) VALUES (?, ?, ?, ?)";
    /** How long a relay reads back what the topics hold beyond the store's offsets, before it relays again. */
    private static final java.time.Duration READ_BACK_BUDGET = java.time.Duration.ofMinutes(2);

    /**
     * One message to publish: its topic, its key (null for none), its JSON, and the W3C trace context it continues
     * (null: none), which the relay puts on the record as a header.
     */
    public record Message(String topic, String key, String payload, String traceparent) {
        public Message(String topic, String key, String payload) {
            this(topic, key, payload, null);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Traces traces;

    public Outbox(JdbcTemplate jdbc, TransactionTemplate tx, Traces traces) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.traces = traces;
    }

    /**
     * Adds a message in the caller's Spring transaction (a case's order). Without a trace context of its own it
     * continues the calling thread's trace: a case handler's request is followed to the order it sent.
     */
    public void add(Message m) {
        jdbc.update(INSERT, m.topic(), m.key(), m.payload(),
                m.traceparent() != null ? m.traceparent() : traces.currentTraceparent());
    }

    /** Adds messages on a connection whose transaction the caller drives itself (the stream's batch). */
    public static void addAll(Connection batch, List<Message> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = batch.prepareStatement(INSERT)) {
            for (Message m : messages) {
                ps.setString(1, m.topic());
                ps.setString(2, m.key());
                ps.setString(3, m.payload());
                ps.setString(4, m.traceparent());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * A relay that publishes this outbox through {@code producer}; run it on a thread of its own. {@code reader}
     * gives a consumer outside any group, to read back what was sent beyond the offsets the store recorded.
     */
    public OutboxRelay relay(Producer<byte[], byte[]> producer, Supplier<Consumer<byte[], byte[]>> reader) {
        return new OutboxRelay(jdbc, tx, producer, new SentAhead(jdbc, reader, READ_BACK_BUDGET), traces);
    }
}
