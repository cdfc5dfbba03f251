package io.ringfence.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The read side of what the stream stored about a decision: its alerts, the events it cites and their
 * owners. Cases build a case's evidence from it; the tables stay this package's alone.
 */
@Component
public class StoredEvidence {
    /** Who an alert is about, and whose line raised it (null when the subject is not a subscriber's). */
    public record AlertSubject(String alertId, String subjectKind, String subjectValue, String subscriber) {
    }

    /** An event of the history and the subscriber it belongs to. */
    public record EventOwner(String eventId, String subscriber) {
    }

    /** The event times of the first and last event a decision cites. */
    public record Span(Instant first, Instant last) {
    }

    private final JdbcTemplate jdbc;

    public StoredEvidence(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The alerts' JSON as last stored, oldest detection first; unknown ids are left out. */
    public List<String> alertPayloads(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT payload FROM alert_record WHERE alert_id = ANY (?) ORDER BY detected_at",
                (rs, i) -> rs.getString(1), (Object) alertIds.toArray(new String[0]));
    }

    public List<AlertSubject> alertSubjects(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT alert_id, subject_kind, subject_value, subscriber FROM alert_record WHERE alert_id = ANY (?)",
                (rs, i) -> new AlertSubject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                (Object) alertIds.toArray(new String[0]));
    }

    /** The events a decision cites, as its audit entry recorded them (none for an unknown decision). */
    public List<String> citedEventIds(String decisionId) {
        return jdbc.query("SELECT event_ids FROM audit_entry WHERE decision_id = ? AND entry_kind = 'DECISION'"
                        + " AND event_ids IS NOT NULL LIMIT 1", (rs, i) -> List.of((String[]) rs.getArray(1).getArray()),
                decisionId).stream().findFirst().orElse(List.of());
    }

    /** The events' JSON, oldest first; with a subscriber, only that subscriber's. */
    public List<String> eventPayloads(Collection<String> eventIds, String subscriber) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        String[] ids = eventIds.toArray(new String[0]);
        return subscriber != null
                ? jdbc.query("SELECT payload FROM event_history WHERE subscriber = ? AND event_id = ANY (?) ORDER BY event_time",
                        (rs, i) -> rs.getString(1), subscriber, ids)
                : jdbc.query("SELECT payload FROM event_history WHERE event_id = ANY (?) ORDER BY event_time",
                        (rs, i) -> rs.getString(1), (Object) ids);
    }

    public List<EventOwner> eventOwners(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT DISTINCT event_id, subscriber FROM event_history WHERE event_id = ANY (?)",
                (rs, i) -> new EventOwner(rs.getString(1), rs.getString(2)), (Object) eventIds.toArray(new String[0]));
    }

    /** When the subscriber's events that a decision cites began and ended (empty when none is stored). */
    public Optional<Span> citedEventSpan(String decisionId) {
        List<Span> rows = jdbc.query("SELECT min(h.event_time), max(h.event_time) FROM audit_entry a"
                        + " JOIN event_history h ON h.event_id = ANY (a.event_ids) AND h.subscriber = a.subscriber"
                        + " WHERE a.decision_id = ? AND a.entry_kind = 'DECISION'",
                (rs, i) -> {
                    Timestamp first = rs.getTimestamp(1);
                    return first == null ? null : new Span(first.toInstant(), rs.getTimestamp(2).toInstant());
                }, decisionId);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }
}
