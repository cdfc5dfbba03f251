package io.ringfence.ingest;

import io.ringfence.audit.AlertStore;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.AuditedDecision;
import io.ringfence.audit.EventHistoryWriter;
import io.ringfence.audit.StoredEvent;
import io.ringfence.decision.Decision;
import io.ringfence.detection.Alert;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Commits one consumed batch: event history, alerts, the audit of every decision, the blocks in force,
 * the outbox of what Kafka consumers will receive, and the offsets the batch covers, all in one
 * PostgreSQL transaction. Either the batch happened, or it did not and is consumed again.
 */
@Component
class BatchStore {
    /** What the commit settled: the decisions actually sent (a block can lose a race to another instance). */
    record Committed(List<Decision> emitted, List<Decision> heldBack) {
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventHistoryWriter events;
    private final AlertStore alerts;
    private final AuditTrail audit;

    BatchStore(DataSource dataSource, JdbcTemplate jdbc, EventHistoryWriter events, AlertStore alerts, AuditTrail audit) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.alerts = alerts;
        this.audit = audit;
    }

    /** The next offset to read for a partition, or null if nothing was ever committed for it. */
    Long nextOffset(String topic, int partition) {
        List<Long> rows = jdbc.queryForList("SELECT next_offset FROM ingest_offset WHERE topic = ? AND partition = ?",
                Long.class, topic, partition);
        return rows.isEmpty() ? null : rows.get(0);
    }

    Committed commit(Batch batch, JdbcBlockRegistry blocks, KafkaSettings.Topics topics) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Committed result = write(c, batch, blocks, topics);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("batch not committed: " + e.getMessage(), e);
        }
    }

    private Committed write(Connection c, Batch batch, JdbcBlockRegistry blocks, KafkaSettings.Topics topics)
            throws SQLException {
        Set<String> lostRace = blocks.flush(c);

        List<StoredEvent> stored = new ArrayList<>(batch.events.size());
        for (Batch.Event e : batch.events) {
            stored.add(new StoredEvent(e.eventId(), e.subscriber(), e.type(), e.eventTimeMillis(), e.partition(),
                    e.offset(), e.json()));
        }
        events.write(c, stored);

        Map<String, String> alertJson = new HashMap<>();
        List<Alert> changed = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (Batch.AlertState a : batch.alerts.values()) {
            alertJson.put(a.alert().getAlertId(), a.json());
            changed.add(a.alert());
            if (a.closed()) {
                closed.add(a.alert().getAlertId());
            }
        }
        alerts.upsert(c, changed, a -> alertJson.get(a.getAlertId()));
        alerts.close(c, closed);

        List<AuditedDecision> audited = new ArrayList<>();
        List<Decision> emitted = new ArrayList<>();
        List<Decision> heldBack = new ArrayList<>();
        for (Batch.Decided d : batch.decisions) {
            Decision decision = d.outcome().decision();
            boolean lost = lostRace.contains(decision.decisionId());
            boolean sent = d.outcome().emitted() && !lost;
            String by = lost ? "another instance's block on the same target" : d.outcome().suppressedBy();
            audited.add(new AuditedDecision(decision, d.json(), sent, by, decision.explanation() == null ? List.of()
                    : alertEvidence(batch, decision)));
            (sent ? emitted : heldBack).add(decision);
        }
        audit.appendDecisions(c, audited);

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (topic, msg_key, payload) VALUES (?, ?, ?)")) {
            for (Batch.AlertState a : batch.alerts.values()) {
                ps.setString(1, topics.alerts());
                ps.setString(2, a.alert().getSubject().value());
                ps.setString(3, a.json());
                ps.addBatch();
            }
            for (Batch.Decided d : batch.decisions) {
                Decision decision = d.outcome().decision();
                if (emitted.contains(decision)) {
                    ps.setString(1, topics.decisions());
                    ps.setString(2, decision.target().value());
                    ps.setString(3, d.json());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_offset (topic, partition, next_offset, updated_at)"
                + " VALUES (?, ?, ?, now()) ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,"
                + " updated_at = now()")) {
            for (Map.Entry<Integer, Long> o : batch.nextOffsets.entrySet()) {
                ps.setString(1, topics.events());
                ps.setInt(2, o.getKey());
                ps.setLong(3, o.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return new Committed(emitted, heldBack);
    }

    private static List<String> alertEvidence(Batch batch, Decision decision) {
        for (String id : decision.alertIds()) {
            Batch.AlertState a = batch.alerts.get(id);
            if (a != null) {
                return a.alert().getEventIds();
            }
        }
        return List.of();
    }
}
