package io.ringfence.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The compliance read side of the audit trail and the event history (plain SQL over the partitioned tables). */
class AuditQueries {
    static final String ENTRY_COLUMNS = "recorded_at, chain_day, chain_seq, entry_kind, decision_id, actor, action, "
            + "emitted, suppressed_by, target_kind, target_value, typology, subscriber, case_id, alert_ids, event_ids, "
            + "rule_set_version, decision_model, decision_model_version, model, model_version, payload, hash";

    /** One audit entry as the API shows it; {@code content} is the decision JSON or the action's detail. */
    record Entry(Instant recordedAt, LocalDate chainDay, long chainSeq, String kind, String decisionId, String actor,
                 String action, Boolean emitted, String suppressedBy, String targetKind, String targetValue,
                 String typology, String subscriber, String caseId, List<String> alertIds, List<String> eventIds,
                 String ruleSetVersion, String decisionModel, String decisionModelVersion, String model,
                 String modelVersion, JsonNode content, String hash) {
    }

    record Event(Instant eventTime, String eventId, String subscriber, String type, Integer kafkaPartition,
                 Long kafkaOffset, JsonNode event) {
    }

    record Page<T>(List<T> items, int page, int size, long total, long totalPages) {
        static <T> Page<T> of(List<T> items, QueryParameters.Paging p, long total) {
            return new Page<>(items, p.page(), p.size(), total, (total + p.size() - 1) / p.size());
        }
    }

    interface EntryConsumer {
        void accept(Entry e) throws IOException;
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;

    AuditQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    Page<Entry> entries(AuditQuery q, QueryParameters.Paging paging) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(q, params);
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_entry" + where, params, Long.class);
        params.addValue("limit", paging.size()).addValue("offset", paging.offset());
        List<Entry> items = jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM audit_entry" + where
                + " ORDER BY recorded_at, chain_day, chain_seq LIMIT :limit OFFSET :offset", params, (rs, n) -> entry(rs));
        return Page.of(items, paging, total == null ? 0 : total);
    }

    /** Every matching entry in order, read with a cursor (the export is not held in memory). */
    void stream(AuditQuery q, EntryConsumer consumer) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(q, params);
        jdbc.query("SELECT " + ENTRY_COLUMNS + " FROM audit_entry" + where + " ORDER BY recorded_at, chain_day, chain_seq",
                params, rs -> {
                    try {
                        consumer.accept(entry(rs));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }

    Page<Event> events(String subscriber, Instant from, Instant to, QueryParameters.Paging paging) {
        MapSqlParameterSource params = new MapSqlParameterSource("subscriber", subscriber);
        StringBuilder where = new StringBuilder(" WHERE subscriber = :subscriber");
        if (from != null) {
            where.append(" AND event_time >= :from");
            params.addValue("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            where.append(" AND event_time < :to");
            params.addValue("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM event_history" + where, params, Long.class);
        params.addValue("limit", paging.size()).addValue("offset", paging.offset());
        List<Event> items = jdbc.query("SELECT event_time, event_id, subscriber, event_type, kafka_partition, kafka_offset, "
                + "payload FROM event_history" + where + " ORDER BY event_time, event_id LIMIT :limit OFFSET :offset", params,
                (rs, n) -> new Event(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), (Integer) rs.getObject(5), (Long) rs.getObject(6), json(rs.getString(7))));
        return Page.of(items, paging, total == null ? 0 : total);
    }

    /** The rule a decision's explanation names, null for every other entry. */
    static final String RULE_OF_DECISION = "(CASE WHEN entry_kind = 'DECISION' THEN (payload::jsonb #>> '{explanation,ruleId}') END)";

    private static String where(AuditQuery q, MapSqlParameterSource params) {
        List<String> and = new ArrayList<>();
        eq(and, params, "subscriber", q.subscriber());
        eq(and, params, "target_value", q.target());
        eq(and, params, "typology", q.typology());
        eq(and, params, "action", q.action());
        eq(and, params, "actor", q.actor());
        eq(and, params, "case_id", q.caseId());
        eq(and, params, "decision_id", q.decisionId());
        eq(and, params, "entry_kind", q.kind());
        if (q.rule() != null) {
            // Only a decision's payload is sure to be JSON; the expression is the index's (V14).
            and.add(RULE_OF_DECISION + " = :rule");
            params.addValue("rule", q.rule());
        }
        if (q.from() != null) {
            and.add("recorded_at >= :from");
            params.addValue("from", OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
            // Lets the planner skip the days' partitions outside the range.
            and.add("chain_day >= :fromDay");
            params.addValue("fromDay", LocalDate.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            and.add("recorded_at < :to");
            params.addValue("to", OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
            and.add("chain_day <= :toDay");
            params.addValue("toDay", LocalDate.ofInstant(q.to(), ZoneOffset.UTC));
        }
        return and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and);
    }

    private static void eq(List<String> and, MapSqlParameterSource params, String column, String value) {
        if (value != null) {
            and.add(column + " = :" + column);
            params.addValue(column, value);
        }
    }

    private Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getObject("chain_day", LocalDate.class), rs.getLong("chain_seq"), rs.getString("entry_kind"),
                rs.getString("decision_id"), rs.getString("actor"), rs.getString("action"), (Boolean) rs.getObject("emitted"),
                rs.getString("suppressed_by"), rs.getString("target_kind"), rs.getString("target_value"),
                rs.getString("typology"), rs.getString("subscriber"), rs.getString("case_id"),
                strings(rs.getArray("alert_ids")), strings(rs.getArray("event_ids")), rs.getString("rule_set_version"),
                rs.getString("decision_model"), rs.getString("decision_model_version"), rs.getString("model"),
                rs.getString("model_version"), json(rs.getString("payload")), HexFormat.of().formatHex(rs.getBytes("hash")));
    }

    /** Stored JSON is shown as JSON; anything that does not parse (an action's free text) as a string. */
    private JsonNode json(String s) {
        if (s == null) {
            return null;
        }
        try {
            return mapper.readTree(s);
        } catch (IOException e) {
            return TextNode.valueOf(s);
        }
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? null : Arrays.asList((String[]) a.getArray());
    }
}
