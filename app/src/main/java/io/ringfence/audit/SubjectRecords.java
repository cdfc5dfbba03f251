package io.ringfence.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * What the events, alerts and audit trail hold about one subscriber or number, for a subject-access
 * export, and the erasure of the events and alerts (docs/privacy.md). The trail itself is never
 * erased: its rows are hash-chained, and they go only by whole days under its own retention.
 */
public final class SubjectRecords {
    private SubjectRecords() {
    }

    public static List<Map<String, Object>> events(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT event_time, event_id, event_type, payload FROM event_history "
                + "WHERE subscriber = ? ORDER BY event_time, event_id", number);
    }

    public static List<Map<String, Object>> alerts(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT alert_id, typology, subject_kind, subject_value, subscriber, severity, score, "
                + "rule_id, detected_at, last_match_at, closed, payload FROM alert_record "
                + "WHERE subscriber = ? OR subject_value = ? ORDER BY detected_at, alert_id", number, number);
    }

    /** Decisions about the number and the later actions on them, as the trail holds them (without the hashes). */
    public static List<Map<String, Object>> decisions(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT recorded_at, entry_kind, decision_id, actor, action, emitted, target_kind, "
                + "target_value, typology, subscriber, case_id, alert_ids, event_ids, payload FROM audit_entry "
                + "WHERE subscriber = ? OR target_value = ? ORDER BY recorded_at, chain_seq", number, number);
    }

    /** Deletes the number's events; the caller decides whether a case still needs them. */
    public static int deleteEvents(JdbcTemplate jdbc, String number) {
        return jdbc.update("DELETE FROM event_history WHERE subscriber = ?", number);
    }

    /** Deletes the number's alerts except {@code kept} (those an open or held case cites). */
    public static int deleteAlerts(JdbcTemplate jdbc, String number, List<String> kept) {
        return jdbc.update(con -> {
            var ps = con.prepareStatement("DELETE FROM alert_record WHERE (subscriber = ? OR subject_value = ?) "
                    + "AND NOT (alert_id = ANY (?))");
            ps.setString(1, number);
            ps.setString(2, number);
            ps.setArray(3, con.createArrayOf("text", kept.toArray()));
            return ps;
        });
    }
}
