package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What a handler looks at: the alerts behind the case and the events that raised them, from the stores. */
@Component
class CaseEvidence {
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    CaseEvidence(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    List<JsonNode> alerts(FraudCase c) {
        if (c.alertIds().isEmpty()) {
            return List.of();
        }
        return parse(jdbc.query("SELECT payload FROM alert_record WHERE alert_id = ANY (?) ORDER BY detected_at",
                (rs, i) -> rs.getString(1), (Object) c.alertIds().toArray(new String[0])));
    }

    /** The events the opening decision cites, oldest first (at most the contract's 50 per alert). */
    List<JsonNode> events(FraudCase c) {
        if (c.decisionId() == null) {
            return List.of();
        }
        List<String> ids = eventIds(c.decisionId());
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = c.subscriber() != null
                ? "SELECT payload FROM event_history WHERE subscriber = ? AND event_id = ANY (?) ORDER BY event_time"
                : "SELECT payload FROM event_history WHERE event_id = ANY (?) ORDER BY event_time";
        String[] idArray = ids.toArray(new String[0]);
        Object[] args = c.subscriber() != null ? new Object[]{c.subscriber(), idArray} : new Object[]{idArray};
        return parse(jdbc.query(sql, (rs, i) -> rs.getString(1), args));
    }

    /** The events a decision cites, as its audit entry recorded them (none for an unknown decision). */
    List<String> eventIds(String decisionId) {
        return jdbc.query("SELECT event_ids FROM audit_entry WHERE decision_id = ? AND entry_kind = 'DECISION'"
                        + " AND event_ids IS NOT NULL LIMIT 1", (rs, i) -> List.of((String[]) rs.getArray(1).getArray()),
                decisionId).stream().findFirst().orElse(List.of());
    }

    /**
     * What a case opened by hand cites, checked against the stores: an alert fits the target if it is about
     * it (or, for a subscriber, raised on their line); an event fits a subscriber target if it is theirs.
     */
    CaseControls.Evidence cite(String targetKind, String targetValue, List<String> alertIds, List<String> eventIds) {
        if (alertIds.isEmpty() && eventIds.isEmpty()) {
            return CaseControls.Evidence.NONE;
        }
        boolean subscriberTarget = "SUBSCRIBER".equals(targetKind);
        List<String> found = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        Set<String> subscribers = new TreeSet<>();
        jdbc.query("SELECT alert_id, subject_kind, subject_value, subscriber FROM alert_record WHERE alert_id = ANY (?)",
                rs -> {
                    String id = rs.getString(1);
                    String subscriber = rs.getString(4) != null ? rs.getString(4)
                            : "SUBSCRIBER".equals(rs.getString(2)) ? rs.getString(3) : null;
                    boolean fits = (targetKind.equals(rs.getString(2)) && targetValue.equals(rs.getString(3)))
                            || (subscriberTarget && targetValue.equals(subscriber));
                    found.add(id);
                    if (!fits) {
                        elsewhere.add(id);
                    } else if (subscriber != null) {
                        subscribers.add(subscriber);
                    }
                }, (Object) alertIds.toArray(new String[0]));
        jdbc.query("SELECT DISTINCT event_id, subscriber FROM event_history WHERE event_id = ANY (?)", rs -> {
            String id = rs.getString(1);
            found.add(id);
            if (subscriberTarget && !targetValue.equals(rs.getString(2))) {
                elsewhere.add(id);
            } else {
                subscribers.add(rs.getString(2));
            }
        }, (Object) eventIds.toArray(new String[0]));
        List<String> missing = new ArrayList<>();
        alertIds.stream().filter(id -> !found.contains(id)).forEach(missing::add);
        eventIds.stream().filter(id -> !found.contains(id)).forEach(missing::add);
        return new CaseControls.Evidence(alertIds.size() + eventIds.size(), missing, elsewhere, subscribers);
    }

    private List<JsonNode> parse(List<String> json) {
        List<JsonNode> out = new ArrayList<>(json.size());
        for (String j : json) {
            try {
                out.add(mapper.readTree(j));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                out.add(mapper.getNodeFactory().textNode(j));
            }
        }
        return out;
    }
}
