package io.ringfence.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What retention and erasure may do to cases (docs/privacy.md). A case that is open or under legal
 * hold is never touched. A pseudonymised case keeps its outcome, refund figures, tasks and who worked
 * it (the team's record, naming no subscriber); its target and subscriber become pseudonyms and the
 * stored decision and the history's details (contact notes, free text that may repeat the number)
 * are removed.
 */
public final class CaseRetention {
    private CaseRetention() {
    }

    /** Alerts cited by a case that is open or under legal hold: its evidence must stay whole. */
    public static Set<String> alertIdsKept(Connection c) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT unnest(alert_ids) FROM fraud_case "
                + "WHERE status <> 'CLOSED' OR legal_hold");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Pseudonymises closed cases closed before {@code cutoff} that are not held; returns how many. */
    public static int pseudonymiseClosedBefore(Connection c, Instant cutoff, Instant now, UnaryOperator<String> pseudonym)
            throws SQLException {
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT case_id FROM fraud_case WHERE status = 'CLOSED' "
                + "AND closed_at < ? AND NOT legal_hold AND pseudonymised_at IS NULL FOR UPDATE")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add((UUID) rs.getObject(1));
                }
            }
        }
        for (UUID id : due) {
            pseudonymise(c, id, now, pseudonym);
        }
        return due.size();
    }

    /** Replaces one closed, unheld case's subject by its pseudonym; false when the case may not be changed. */
    public static boolean pseudonymise(Connection c, UUID caseId, Instant now, UnaryOperator<String> pseudonym)
            throws SQLException {
        String target;
        String subscriber;
        try (PreparedStatement ps = c.prepareStatement("SELECT target_value, subscriber FROM fraud_case WHERE case_id = ? "
                + "AND status = 'CLOSED' AND NOT legal_hold AND pseudonymised_at IS NULL FOR UPDATE")) {
            ps.setObject(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                target = rs.getString(1);
                subscriber = rs.getString(2);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE fraud_case SET target_value = ?, subscriber = ?, "
                + "decision_json = NULL, pseudonymised_at = ? WHERE case_id = ?")) {
            ps.setString(1, pseudonym.apply(target));
            ps.setString(2, subscriber == null ? null : pseudonym.apply(subscriber));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, caseId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_history SET detail = NULL WHERE case_id = ?")) {
            ps.setObject(1, caseId);
            ps.executeUpdate();
        }
        return true;
    }

    private static final String ABOUT = "(target_value = ? OR subscriber = ?)";

    /** The cases about a number with their tasks and history (a subject-access export). */
    public static List<Map<String, Object>> about(JdbcTemplate jdbc, String number) {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (Map<String, Object> row : jdbc.queryForList("SELECT case_id, decision_id, status, stage, outcome, typology, "
                + "rule_id, severity, queue, target_kind, target_value, subscriber, alert_ids, decision_json, opened_by, "
                + "opened_at, closed_at, handler, lifted, refund_amount, refund_requested_by, refund_approved_by, "
                + "refund_order_id, refund_status, refund_reference, refund_confirmed_by, legal_hold, legal_hold_by, legal_hold_at, legal_hold_reason FROM fraud_case WHERE "
                + ABOUT + " ORDER BY opened_at", number, number)) {
            Map<String, Object> c = new LinkedHashMap<>(row);
            c.put("tasks", jdbc.queryForList("SELECT task_id, name, status, groups, owner, created_at, due_at, "
                    + "completed_at, completed_by FROM case_task WHERE case_id = ? ORDER BY created_at", row.get("case_id")));
            c.put("history", jdbc.queryForList("SELECT at, actor, action, task_id, detail FROM case_history "
                    + "WHERE case_id = ? ORDER BY id", row.get("case_id")));
            cases.add(c);
        }
        return cases;
    }

    /** A case about the number that erasure must keep, and why. */
    public record Kept(UUID caseId, String why) {
    }

    /** The number's cases that are open or under legal hold: erasure keeps them, and the evidence they need. */
    public static List<Kept> keptFor(JdbcTemplate jdbc, String number) {
        return jdbc.query("SELECT case_id, status, legal_hold FROM fraud_case WHERE " + ABOUT
                        + " AND (status <> 'CLOSED' OR legal_hold) ORDER BY opened_at",
                (rs, i) -> new Kept((UUID) rs.getObject(1), rs.getBoolean(3) ? "under legal hold" : "open"),
                number, number);
    }

    /** Alerts cited by open or held cases, read in the caller's transaction. */
    public static Set<String> alertIdsKept(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<Set<String>>) CaseRetention::alertIdsKept);
    }

    /** Pseudonymises the number's closed, unheld cases (erasure); returns how many. */
    public static int pseudonymiseAbout(JdbcTemplate jdbc, String number, Instant now, UnaryOperator<String> pseudonym) {
        List<UUID> ids = jdbc.queryForList("SELECT case_id FROM fraud_case WHERE " + ABOUT
                + " AND status = 'CLOSED' AND NOT legal_hold AND pseudonymised_at IS NULL", UUID.class, number, number);
        return jdbc.execute((ConnectionCallback<Integer>) c -> {
            int n = 0;
            for (UUID id : ids) {
                n += pseudonymise(c, id, now, pseudonym) ? 1 : 0;
            }
            return n;
        });
    }
}
