package io.ringfence.cases;

import io.ringfence.workflows.CaseHistoryEntry;
import io.ringfence.workflows.CaseTask;
import io.ringfence.workflows.FraudCase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Ringfence's own case tables: the case list, each case's tasks and its history. */
@Repository
class CaseStore {
    private static final String CASE_COLUMNS = "case_id, decision_id, process_instance_id, status, stage, outcome,"
            + " typology, rule_id, severity, priority, queue, sla_minutes, target_kind, target_value, subscriber,"
            + " alert_ids, opened_by, opened_at, closed_at, handler, block_decision_id, lifted, refund_amount,"
            + " refund_requested_by, refund_approved_by, refund_order_id, refund_status, refund_reference, refund_confirmed_by";
    private static final String TASK_COLUMNS = "task_id, case_id, name, status, groups, owner, excluded, created_at,"
            + " due_at, escalated_at, completed_at, completed_by";

    private final JdbcTemplate jdbc;

    CaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false if a case for the same decision exists already */
    boolean insert(FraudCase c, String decisionJson) {
        int n = jdbc.update("INSERT INTO fraud_case (case_id, decision_id, status, typology, rule_id, severity, priority,"
                        + " queue, sla_minutes, target_kind, target_value, subscriber, alert_ids, decision_json, opened_by,"
                        + " opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setObject(1, c.caseId());
                    ps.setString(2, c.decisionId());
                    ps.setString(3, c.status());
                    ps.setString(4, c.typology());
                    ps.setString(5, c.ruleId());
                    ps.setString(6, c.severity());
                    ps.setInt(7, c.priority());
                    ps.setString(8, c.queue());
                    ps.setInt(9, c.slaMinutes());
                    ps.setString(10, c.targetKind());
                    ps.setString(11, c.targetValue());
                    ps.setString(12, c.subscriber());
                    ps.setArray(13, ps.getConnection().createArrayOf("text", c.alertIds().toArray()));
                    ps.setString(14, decisionJson);
                    ps.setString(15, c.openedBy());
                    ps.setTimestamp(16, Timestamp.from(c.openedAt()));
                });
        return n == 1;
    }

    Optional<FraudCase> find(UUID caseId) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM fraud_case WHERE case_id = ?", CASES, caseId).stream().findFirst();
    }

    /** The case a refund order was issued for. */
    Optional<FraudCase> findByRefundOrder(String refundOrderId) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM fraud_case WHERE refund_order_id = ?", CASES, refundOrderId)
                .stream().findFirst();
    }

    /** Billing's answer on the case's refund, as {@link RefundConfirmations} or a supervisor recorded it. */
    void refundAnswered(UUID caseId, String status, String reference, String by) {
        jdbc.update("UPDATE fraud_case SET refund_status = ?, refund_reference = ?, refund_confirmed_by = ? WHERE case_id = ?",
                status, reference, by, caseId);
    }

    Optional<FraudCase> findByDecision(String decisionId) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM fraud_case WHERE decision_id = ?", CASES, decisionId)
                .stream().findFirst();
    }

    /** The opening decision as stored, or null: a case opened by hand has none (a null row, which findFirst refuses). */
    String decisionJson(UUID caseId) {
        List<String> json = jdbc.query("SELECT decision_json FROM fraud_case WHERE case_id = ?",
                (rs, i) -> rs.getString(1), caseId);
        return json.isEmpty() ? null : json.get(0);
    }

    /**
     * What {@code user} refunded without a second person since {@code since}, taking a lock on their name for
     * this transaction so that two of their refunds at once are counted one after the other.
     */
    BigDecimal refundedAloneSince(String user, Instant since) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtext(?))", (rs, i) -> null, "refunds-alone:" + user);
        return jdbc.queryForObject("SELECT coalesce(sum(refund_amount), 0) FROM fraud_case WHERE refund_requested_by = ?"
                        + " AND refund_approved_by IS NULL AND refund_order_id IS NOT NULL AND closed_at >= ?",
                BigDecimal.class, user, Timestamp.from(since));
    }

    /** Sets one of the case's columns; the column name comes from this package only. */
    void set(UUID caseId, String column, Object value) {
        jdbc.update("UPDATE fraud_case SET " + column + " = ? WHERE case_id = ?", value, caseId);
    }

    void close(UUID caseId, Instant at) {
        jdbc.update("UPDATE fraud_case SET status = 'CLOSED', stage = NULL, closed_at = ? WHERE case_id = ? AND closed_at IS NULL",
                Timestamp.from(at), caseId);
    }

    record Page<T>(List<T> items, long total) {
    }

    Page<FraudCase> list(CaseQuery q) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.subscriber() != null) {
            where.append(" AND subscriber = ?");
            args.add(q.subscriber());
        }
        if (q.status() != null) {
            where.append(" AND status = ?");
            args.add(q.status());
        }
        if (q.typology() != null) {
            where.append(" AND typology = ?");
            args.add(q.typology());
        }
        if (q.handler() != null) {
            where.append(" AND handler = ?");
            args.add(q.handler());
        }
        if (q.openedBefore() != null) {
            where.append(" AND opened_at < ?");
            args.add(Timestamp.from(q.openedBefore()));
        }
        if (q.openedAfter() != null) {
            where.append(" AND opened_at >= ?");
            args.add(Timestamp.from(q.openedAfter()));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM fraud_case" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(q.size());
        paged.add((long) q.page() * q.size());
        List<FraudCase> items = jdbc.query("SELECT " + CASE_COLUMNS + " FROM fraud_case" + where
                + " ORDER BY opened_at DESC, case_id LIMIT ? OFFSET ?", CASES, paged.toArray());
        return new Page<>(items, total == null ? 0 : total);
    }

    // --- tasks

    void upsertTask(CaseTask t) {
        jdbc.update("INSERT INTO case_task (" + TASK_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (task_id) DO UPDATE SET status = EXCLUDED.status, groups = EXCLUDED.groups,"
                        + " owner = EXCLUDED.owner, excluded = EXCLUDED.excluded,"
                        + " completed_at = coalesce(case_task.completed_at, EXCLUDED.completed_at),"
                        + " completed_by = coalesce(case_task.completed_by, EXCLUDED.completed_by)",
                ps -> {
                    ps.setString(1, t.taskId());
                    ps.setObject(2, t.caseId());
                    ps.setString(3, t.name());
                    ps.setString(4, t.status());
                    ps.setArray(5, ps.getConnection().createArrayOf("text", t.groups().toArray()));
                    ps.setString(6, t.owner());
                    ps.setArray(7, ps.getConnection().createArrayOf("text", t.excluded().toArray()));
                    ps.setTimestamp(8, Timestamp.from(t.createdAt()));
                    ps.setTimestamp(9, t.dueAt() == null ? null : Timestamp.from(t.dueAt()));
                    ps.setTimestamp(10, t.escalatedAt() == null ? null : Timestamp.from(t.escalatedAt()));
                    ps.setTimestamp(11, t.completedAt() == null ? null : Timestamp.from(t.completedAt()));
                    ps.setString(12, t.completedBy());
                });
    }

    Optional<CaseTask> task(String taskId) {
        return jdbc.query("SELECT " + TASK_COLUMNS + " FROM case_task WHERE task_id = ?", TASKS, taskId).stream().findFirst();
    }

    Optional<CaseTask> taskForUpdate(String taskId) {
        return jdbc.query("SELECT " + TASK_COLUMNS + " FROM case_task WHERE task_id = ? FOR UPDATE", TASKS, taskId)
                .stream().findFirst();
    }

    List<CaseTask> tasksOf(UUID caseId) {
        return jdbc.query("SELECT " + TASK_COLUMNS + " FROM case_task WHERE case_id = ? ORDER BY created_at, task_id",
                TASKS, caseId);
    }

    /**
     * Open tasks {@code user} may work: theirs, unowned ones of their groups, and for supervisors every
     * escalated one; never one they are excluded from.
     */
    Page<CaseTask> available(TaskQuery q, String user, List<String> roles) {
        StringBuilder where = new StringBuilder(" WHERE t.completed_at IS NULL AND t.status NOT IN ('Completed', 'Obsolete')"
                + " AND NOT (? = ANY (t.excluded)) AND c.opened_by <> ?"
                + " AND (t.owner = ? OR (t.owner IS NULL AND t.groups && ?::text[])"
                // Supervisors see every escalated task, claimed or not: they are the ones to take it over.
                + " OR (t.escalated_at IS NOT NULL AND ?))");
        List<Object> args = new ArrayList<>();
        args.add(user);
        // Segregation of duties: the tasks of a case someone opened by hand are not theirs to work.
        args.add(user);
        args.add(user);
        args.add(roles.toArray(new String[0]));
        args.add(roles.contains("supervisor"));
        if (q.name() != null) {
            where.append(" AND t.name = ?");
            args.add(q.name());
        }
        if (q.caseId() != null) {
            where.append(" AND t.case_id = ?");
            args.add(q.caseId());
        }
        if (q.typology() != null) {
            where.append(" AND c.typology = ?");
            args.add(q.typology());
        }
        if (q.mine()) {
            where.append(" AND t.owner = ?");
            args.add(user);
        }
        if (q.escalated()) {
            where.append(" AND t.escalated_at IS NOT NULL");
        }
        String from = " FROM case_task t JOIN fraud_case c ON c.case_id = t.case_id";
        List<Object> paged = new ArrayList<>(args);
        paged.add(q.size());
        paged.add((long) q.page() * q.size());
        // The page and the count in one pass over the open tasks (the inbox is the handlers' busiest read).
        long[] total = {0};
        List<CaseTask> items = jdbc.query("SELECT " + prefixed(TASK_COLUMNS) + ", count(*) OVER () AS total" + from + where
                + " ORDER BY t.escalated_at IS NULL, c.priority, t.due_at NULLS LAST, t.created_at LIMIT ? OFFSET ?",
                (rs, n) -> {
                    total[0] = rs.getLong("total");
                    return TASKS.mapRow(rs, n);
                }, sqlArgs(paged));
        if (items.isEmpty() && q.page() > 0) {
            // Past the last page: no row carries the count.
            Long all = jdbc.queryForObject("SELECT count(*)" + from + where, Long.class, sqlArgs(args));
            total[0] = all == null ? 0 : all;
        }
        return new Page<>(items, total[0]);
    }

    /** Overdue open tasks not yet escalated, locked so that one instance escalates each. */
    List<CaseTask> overdueForUpdate(Instant now, int limit) {
        return jdbc.query("SELECT " + TASK_COLUMNS + " FROM case_task WHERE completed_at IS NULL AND escalated_at IS NULL"
                        + " AND status NOT IN ('Completed', 'Obsolete') AND due_at <= ? ORDER BY due_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED", TASKS, Timestamp.from(now), limit);
    }

    void markEscalated(String taskId, Instant at, List<String> groups) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("UPDATE case_task SET escalated_at = ?, groups = ? WHERE task_id = ?");
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, con.createArrayOf("text", groups.toArray()));
            ps.setString(3, taskId);
            return ps;
        });
    }

    // --- history

    void appendHistory(UUID caseId, Instant at, String actor, String action, String taskId, String detail) {
        jdbc.update("INSERT INTO case_history (case_id, at, actor, action, task_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                caseId, Timestamp.from(at), actor, action, taskId, detail);
    }

    List<CaseHistoryEntry> history(UUID caseId) {
        return jdbc.query("SELECT id, at, actor, action, task_id, detail FROM case_history WHERE case_id = ? ORDER BY id",
                (rs, i) -> new CaseHistoryEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)), caseId);
    }

    /** Closed, triaged cases in order of closing: the handlers' verdicts as training labels. */
    List<FraudCase> labelled(Instant closedAfter, int limit) {
        return jdbc.query("SELECT " + CASE_COLUMNS + " FROM fraud_case WHERE status = 'CLOSED' AND outcome IN"
                        + " ('CONFIRMED_FRAUD', 'FALSE_POSITIVE') AND closed_at >= ? ORDER BY closed_at, case_id LIMIT ?",
                CASES, Timestamp.from(closedAfter), limit);
    }

    private static Object[] sqlArgs(List<Object> args) {
        return args.toArray();
    }

    private static String prefixed(String columns) {
        return String.join(", ", Arrays.stream(columns.split(",\\s*")).map(c -> "t." + c).toList());
    }

    private static final RowMapper<FraudCase> CASES = (rs, i) -> new FraudCase((UUID) rs.getObject(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getInt(10), rs.getString(11), rs.getInt(12), rs.getString(13), rs.getString(14),
            rs.getString(15), strings(rs.getArray(16)), rs.getString(17), instant(rs, 18), instant(rs, 19),
            rs.getString(20), rs.getString(21), rs.getString(22), rs.getBigDecimal(23), rs.getString(24),
            rs.getString(25), rs.getString(26), rs.getString(27), rs.getString(28), rs.getString(29));

    private static final RowMapper<CaseTask> TASKS = (rs, i) -> new CaseTask(rs.getString(1), (UUID) rs.getObject(2),
            rs.getString(3), rs.getString(4), strings(rs.getArray(5)), rs.getString(6), strings(rs.getArray(7)),
            instant(rs, 8), instant(rs, 9), instant(rs, 10), instant(rs, 11), rs.getString(12));

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
