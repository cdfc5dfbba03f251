package io.ringfence.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

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
