package io.ringfence.audit;

import io.ringfence.contract.Decision;

import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends decisions and later actions to the audit trail, one hash chain per UTC day.
 *
 * <p>Each day's chain head ({@code audit_chain_head}) is locked with {@code SELECT ... FOR UPDATE} in
 * the caller's transaction, so chain order is commit order across instances: a second instance
 * appending to the same day waits for the first to commit. Heads are always locked in day order, so
 * two batches spanning the same days cannot deadlock each other.
 */
public class AuditTrail {
    /** The actor recorded for the service's own decisions. */
    public static final String SERVICE_ACTOR = "ringfence";

    static final String INSERT_SQL = "INSERT INTO audit_entry (recorded_at, chain_day, chain_seq, entry_kind, "
            + "decision_id, actor, action, emitted, suppressed_by, target_kind, target_value, typology, subscriber, "
            + "case_id, alert_ids, event_ids, rule_set_version, decision_model, decision_model_version, model, "
            + "model_version, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final DailyPartitions partitions;
    private final DataSource dataSource;

    public AuditTrail(DailyPartitions partitions) {
        this(partitions, partitions.dataSource());
    }

    /**
     * @param dataSource the service's own store, whose Spring transactions {@link #recordAction} joins;
     *                   partitions may be created through another login (the schema owner's)
     */
    public AuditTrail(DailyPartitions partitions, DataSource dataSource) {
        this.partitions = partitions;
        this.dataSource = dataSource;
    }

    /**
     * Appends one DECISION entry per decision in the caller's Spring transaction (a handler's block or
     * lift): nothing is written if that transaction rolls back.
     */
    public void recordDecisions(List<AuditedDecision> decisions, String actor) {
        inCallersTransaction(tx -> appendDecisions(tx, decisions, actor));
    }

    /** Appends an ACTION entry in the caller's Spring transaction (a case's step, an asset change). */
    public void recordAction(ActionSubject about, String actor, String action, String detailJson, long atMillis) {
        inCallersTransaction(tx -> appendAction(tx, about, actor, action, detailJson, atMillis));
    }

    private void inCallersTransaction(java.util.function.Consumer<Connection> append) {
        Connection tx = DataSourceUtils.getConnection(dataSource);
        try {
            append.accept(tx);
        } finally {
            DataSourceUtils.releaseConnection(tx, dataSource);
        }
    }

    /**
     * Appends one DECISION entry per decision, in list order within each day, on a connection whose
     * transaction the caller drives itself (the stream's batch); not committed.
     */
    public void appendDecisions(Connection tx, List<AuditedDecision> decisions) {
        appendDecisions(tx, decisions, SERVICE_ACTOR);
    }

    /** As {@link #appendDecisions(Connection, List)}, for decisions a person took (a handler's block or lift). */
    void appendDecisions(Connection tx, List<AuditedDecision> decisions, String actor) {
        Map<LocalDate, List<AuditRow>> byDay = new TreeMap<>();
        for (AuditedDecision a : decisions) {
            Decision d = a.decision();
            LocalDate day = EventHistoryWriter.day(d.decidedAtMillis());
            String ruleSet = d.explanation() == null ? null : d.explanation().ruleSet();
            byDay.computeIfAbsent(day, k -> new ArrayList<>()).add(new AuditRow(
                    d.decidedAtMillis() * 1000, day, 0, "DECISION", d.decisionId(), actor, d.action().name(),
                    a.emitted(), a.suppressedBy(), d.target().kind().name(), d.target().value(), d.reason(),
                    d.subscriber(), d.caseId(), d.alertIds(), a.eventIds(), ruleSet, d.decisionModel(),
                    d.decisionModelVersion(), d.model(), d.modelVersion(), a.json()));
        }
        append(tx, byDay);
    }

    /**
     * Appends an ACTION entry: something done later about a decision (block lifted, case opened...).
     * The decision's target, typology, subscriber and case are copied onto it, so the compliance
     * queries find the action beside the decision.
     *
     * @param actor      the user, or {@link #SERVICE_ACTOR} for the system
     * @param detailJson what was done, as JSON
     */
    public void appendAction(Connection tx, String decisionId, String actor, String action, String detailJson,
                             long atMillis) {
        LocalDate day = EventHistoryWriter.day(atMillis);
        String targetKind = null;
        String targetValue = null;
        String typology = null;
        String subscriber = null;
        String caseId = null;
        try (PreparedStatement ps = tx.prepareStatement("SELECT target_kind, target_value, typology, subscriber, "
                + "case_id FROM audit_entry WHERE decision_id = ? AND entry_kind = 'DECISION' ORDER BY recorded_at LIMIT 1")) {
            ps.setString(1, decisionId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    targetKind = rs.getString(1);
                    targetValue = rs.getString(2);
                    typology = rs.getString(3);
                    subscriber = rs.getString(4);
                    caseId = rs.getString(5);
                }
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot read decision " + decisionId + " from the audit trail", e);
        }
        AuditRow row = new AuditRow(atMillis * 1000, day, 0, "ACTION", decisionId, actor, action, null, null,
                targetKind, targetValue, typology, subscriber, caseId, null, null, null, null, null, null, null,
                detailJson);
        Map<LocalDate, List<AuditRow>> byDay = new TreeMap<>();
        byDay.put(day, List.of(row));
        append(tx, byDay);
    }

    /** What a case action is about, copied onto its audit row so that queries by case, subscriber or target find it. */
    public record ActionSubject(String decisionId, String targetKind, String targetValue, String typology,
                                String subscriber, String caseId) {
    }

    /** Appends an ACTION entry whose subject the caller knows (a case's task transition, say). */
    void appendAction(Connection tx, ActionSubject about, String actor, String action, String detailJson,
                             long atMillis) {
        LocalDate day = EventHistoryWriter.day(atMillis);
        AuditRow row = new AuditRow(atMillis * 1000, day, 0, "ACTION", about.decisionId(), actor, action, null, null,
                about.targetKind(), about.targetValue(), about.typology(), about.subscriber(), about.caseId(), null,
                null, null, null, null, null, null, detailJson);
        Map<LocalDate, List<AuditRow>> byDay = new TreeMap<>();
        byDay.put(day, List.of(row));
        append(tx, byDay);
    }

    private void append(Connection tx, Map<LocalDate, List<AuditRow>> byDay) {
        if (byDay.isEmpty()) {
            return;
        }
        partitions.ensure(DailyPartitions.Table.AUDIT_ENTRY, byDay.keySet());
        try {
            for (Map.Entry<LocalDate, List<AuditRow>> e : byDay.entrySet()) {
                appendDay(tx, e.getKey(), e.getValue());
            }
        } catch (SQLException e) {
            throw new AuditStoreException("cannot append to the audit trail", e);
        }
    }

    private static void appendDay(Connection tx, LocalDate day, List<AuditRow> rows) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO audit_chain_head (chain_day, last_seq, last_hash) "
                + "VALUES (?, 0, ?) ON CONFLICT (chain_day) DO NOTHING")) {
            ps.setObject(1, day);
            ps.setBytes(2, AuditRow.GENESIS);
            ps.executeUpdate();
        }
        long seq;
        byte[] prev;
        try (PreparedStatement ps = tx.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_chain_head WHERE chain_day = ? FOR UPDATE")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
                prev = rs.getBytes(2);
            }
        }
        try (PreparedStatement ps = tx.prepareStatement(INSERT_SQL)) {
            for (AuditRow content : rows) {
                AuditRow r = withSeq(content, ++seq);
                byte[] hash = r.hash(prev);
                bind(tx, ps, r, prev, hash);
                ps.addBatch();
                prev = hash;
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = tx.prepareStatement(
                "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE chain_day = ?")) {
            ps.setLong(1, seq);
            ps.setBytes(2, prev);
            ps.setObject(3, day);
            ps.executeUpdate();
        }
    }

    private static AuditRow withSeq(AuditRow r, long seq) {
        return new AuditRow(r.recordedAtMicros(), r.chainDay(), seq, r.entryKind(), r.decisionId(), r.actor(),
                r.action(), r.emitted(), r.suppressedBy(), r.targetKind(), r.targetValue(), r.typology(),
                r.subscriber(), r.caseId(), r.alertIds(), r.eventIds(), r.ruleSetVersion(), r.decisionModel(),
                r.decisionModelVersion(), r.model(), r.modelVersion(), r.payload());
    }

    private static void bind(Connection tx, PreparedStatement ps, AuditRow r, byte[] prev, byte[] hash)
            throws SQLException {
        int i = 0;
        ps.setObject(++i, toOffsetDateTime(r.recordedAtMicros()));
        ps.setObject(++i, r.chainDay());
        ps.setLong(++i, r.chainSeq());
        ps.setString(++i, r.entryKind());
        ps.setString(++i, r.decisionId());
        ps.setString(++i, r.actor());
        ps.setString(++i, r.action());
        if (r.emitted() == null) {
            ps.setNull(++i, Types.BOOLEAN);
        } else {
            ps.setBoolean(++i, r.emitted());
        }
        ps.setString(++i, r.suppressedBy());
        ps.setString(++i, r.targetKind());
        ps.setString(++i, r.targetValue());
        ps.setString(++i, r.typology());
        ps.setString(++i, r.subscriber());
        ps.setString(++i, r.caseId());
        ps.setArray(++i, r.alertIds() == null ? null : tx.createArrayOf("text", r.alertIds().toArray()));
        ps.setArray(++i, r.eventIds() == null ? null : tx.createArrayOf("text", r.eventIds().toArray()));
        ps.setString(++i, r.ruleSetVersion());
        ps.setString(++i, r.decisionModel());
        ps.setString(++i, r.decisionModelVersion());
        ps.setString(++i, r.model());
        ps.setString(++i, r.modelVersion());
        ps.setString(++i, r.payload());
        ps.setBytes(++i, prev);
        ps.setBytes(++i, hash);
    }

    static OffsetDateTime toOffsetDateTime(long epochMicros) {
        return OffsetDateTime.ofInstant(Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static long toMicros(OffsetDateTime t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant());
    }
}
