package io.ringfence.stream;

import io.ringfence.blocks.JdbcBlockRegistry;
import io.ringfence.outbox.Outbox;
import io.ringfence.audit.AlertStore;
import io.ringfence.audit.AuditTrail;
import io.ringfence.audit.AuditedDecision;
import io.ringfence.audit.ShadowDecisionLog;
import io.ringfence.audit.EventHistoryReader;
import io.ringfence.audit.EventHistoryWriter;
import io.ringfence.audit.StoredEvent;
import io.ringfence.contract.AlertMessage;
import io.ringfence.contract.Decision;
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
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BatchStore.class);
    /** What the commit settled: the decisions actually sent (a block can lose a race to another instance). */
    record Committed(List<Decision> emitted, List<Decision> heldBack) {
        Set<String> emittedIds() {
            Set<String> ids = new java.util.HashSet<>();
            emitted.forEach(d -> ids.add(d.decisionId()));
            return ids;
        }
    }

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final EventHistoryWriter events;
    private final AlertStore alerts;
    private final AuditTrail audit;
    private final EventHistoryReader history;

    BatchStore(DataSource dataSource, JdbcTemplate jdbc, EventHistoryWriter events, AlertStore alerts, AuditTrail audit,
               EventHistoryReader history) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.alerts = alerts;
        this.audit = audit;
        this.history = history;
    }

    /**
     * Where a partition's committed processing stands: the next offset, the newest event time reached, and when it was
     * committed (wall clock).
     */
    record Position(long nextOffset, Long newestEventAtMillis, Long committedAtMillis) {
    }

    /** Null if nothing was ever committed for the partition. */
    Position position(String topic, int partition) {
        List<Position> rows = jdbc.query("SELECT next_offset, newest_event_at, updated_at FROM ingest_offset WHERE topic = ?"
                        + " AND partition = ?",
                (rs, i) -> new Position(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).getTime(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).getTime()),
                topic, partition);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Every partition of the topic whose processing was ever committed, by partition. */
    Map<Integer, Position> positions(String topic) {
        Map<Integer, Position> out = new HashMap<>();
        jdbc.query("SELECT partition, next_offset, newest_event_at, updated_at FROM ingest_offset WHERE topic = ?",
                rs -> {
                    out.put(rs.getInt(1), new Position(rs.getLong(2), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).getTime(),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).getTime()));
                }, topic);
        return out;
    }

    /** A partition's stored events before {@code beforeOffset}, for the warm-up ({@link EventHistoryReader}). */
    void history(int partition, long beforeOffset, long newestMillis, long recentMillis, long slowMillis,
                 java.util.function.Consumer<String> payload) {
        history.partitionTail(partition, beforeOffset, newestMillis, recentMillis, slowMillis, payload);
    }

    /**
     * @param positions where this instance believes each partition's committed processing stands (null:
     *                  never committed); the commit is refused if another instance moved it since
     * @throws StaleAssignmentException when another instance took a partition over meanwhile
     */
    Committed commit(Batch batch, JdbcBlockRegistry.Sealed blocks, KafkaSettings.Topics topics, StreamStage stage,
                     Map<Integer, Long> positions) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Committed result = write(c, batch, blocks, topics, stage, positions);
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

    private Committed write(Connection c, Batch batch, JdbcBlockRegistry.Sealed blocks, KafkaSettings.Topics topics,
                            StreamStage stage, Map<Integer, Long> positions) throws SQLException {
        Set<String> lostRace = JdbcBlockRegistry.flush(blocks, c);

        if (stage.storesHistory()) {
            List<StoredEvent> stored = new ArrayList<>(batch.events.size());
            for (Batch.Event e : batch.events) {
                stored.add(new StoredEvent(e.eventId(), e.subscriber(), e.type(), e.eventTimeMillis(), e.partition(),
                        e.offset(), e.json()));
            }
            events.write(c, stored);
        }

        Map<String, String> alertJson = new HashMap<>();
        List<AlertMessage> changed = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (Batch.AlertState a : batch.alerts.values()) {
            alertJson.put(a.alert().alertId(), a.json());
            changed.add(a.alert());
            if (a.closed()) {
                closed.add(a.alert().alertId());
            }
        }
        alerts.upsert(c, changed, a -> alertJson.get(a.alertId()));
        alerts.close(c, closed);

        List<AuditedDecision> audited = new ArrayList<>();
        List<Decision> emitted = new ArrayList<>();
        List<Decision> heldBack = new ArrayList<>();
        for (Batch.Decided d : batch.decisions) {
            Decision decision = d.outcome().decision();
            boolean lost = lostRace.contains(decision.decisionId());
            boolean sent = d.outcome().emitted() && !lost;
            String by = !lost ? d.outcome().suppressedBy()
                    : blocks.heldBackInBatch().contains(decision.decisionId())
                    ? "another partition's block on the same target in the same batch"
                    : "another instance's block on the same target";
            audited.add(new AuditedDecision(decision, d.json(), sent, by, alertEvidence(batch, decision)));
            (sent ? emitted : heldBack).add(decision);
        }
        audit.appendDecisions(c, audited);
        List<ShadowDecisionLog.Entry> shadowed = new ArrayList<>();
        for (Batch.Decided d : batch.decisions) {
            if (d.outcome().shadow() != null) {
                shadowed.add(ShadowDecisionLog.Entry.model(d.outcome().decision(), d.outcome().shadow()));
            }
        }
        shadowed.addAll(batch.shadowRules);
        writeShadowed(c, shadowed);

        List<Outbox.Message> messages = new ArrayList<>();
        for (Batch.AlertState a : batch.alerts.values()) {
            messages.add(new Outbox.Message(topics.alerts(), a.alert().subject().value(), a.json()));
        }
        Set<String> emittedIds = new Committed(emitted, heldBack).emittedIds();
        for (Batch.Decided d : batch.decisions) {
            Decision decision = d.outcome().decision();
            if (emittedIds.contains(decision.decisionId())) {
                messages.add(new Outbox.Message(topics.decisions(), decision.target().value(), d.json(), d.traceparent()));
            }
        }
        Outbox.addAll(c, messages);

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ingest_offset (topic, partition, next_offset, updated_at,"
                + " newest_event_at) VALUES (?, ?, ?, now(), ?) ON CONFLICT (topic, partition) DO UPDATE SET"
                + " next_offset = EXCLUDED.next_offset, updated_at = now(),"
                + " newest_event_at = GREATEST(ingest_offset.newest_event_at, EXCLUDED.newest_event_at)"
                // Fencing: an instance that lost the partition (a long pause) must not commit over its new owner.
                + " WHERE ingest_offset.next_offset = ? RETURNING next_offset")) {
            for (Map.Entry<Integer, Long> o : batch.nextOffsets.entrySet()) {
                Long newest = batch.newestEventAt.get(o.getKey());
                Long expected = positions.get(o.getKey());
                ps.setString(1, stage.topic());
                ps.setInt(2, o.getKey());
                ps.setLong(3, o.getValue());
                ps.setTimestamp(4, newest == null ? null : new java.sql.Timestamp(newest));
                ps.setLong(5, expected == null ? -1 : expected);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StaleAssignmentException("partition " + o.getKey() + " was committed by another instance"
                                + " since this one read it at offset " + expected);
                    }
                }
            }
        }
        return new Committed(emitted, heldBack);
    }

    /**
     * What a model in shadow answered, beside the live decisions: under a savepoint, so that a failure to store it
     * costs the shadow's record of this batch, never the live decisions that commit with it.
     */
    private static void writeShadowed(Connection c, List<ShadowDecisionLog.Entry> shadowed) throws SQLException {
        if (shadowed.isEmpty()) {
            return;
        }
        java.sql.Savepoint before = c.setSavepoint();
        try {
            ShadowDecisionLog.write(c, shadowed);
            c.releaseSavepoint(before);
        } catch (RuntimeException e) {
            c.rollback(before);
            log.warn("{} answers of what runs in shadow not stored (the live decisions are): {}", shadowed.size(),
                    e.getMessage());
        }
    }

    private static List<String> alertEvidence(Batch batch, Decision decision) {
        for (String id : decision.alertIds()) {
            Batch.AlertState a = batch.alerts.get(id);
            if (a != null) {
                return a.alert().eventIds();
            }
        }
        return List.of();
    }
}
