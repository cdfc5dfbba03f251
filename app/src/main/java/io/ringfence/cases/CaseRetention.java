package io.ringfence.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

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
}
