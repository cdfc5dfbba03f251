package io.ringfence.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stream decided and raised over a window of traffic time (the events' own time, which the
 * audit trail's decisions and the alerts carry), for the console's dashboard: read from the stores, so
 * the figures are the whole cluster's and survive restarts. No subscriber is named: only counts by
 * typology and action, and sums.
 */
public final class ActivityCounts {
    /** The audit trail is partitioned by its chain's day (the decision's UTC day): only the window's days are read. */
    private static final String DAYS = "chain_day >= ? AND chain_day <= ?";

    private ActivityCounts() {
    }

    private static LocalDate firstDay(Instant from) {
        return LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    /** The day of the window's last instant (its end is exclusive). */
    private static LocalDate lastDay(Instant to) {
        return LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    }

    /** Decisions recorded in the window: by typology then action, and how many were sent (not held back). */
    public record Decisions(long total, long sent, Map<String, Long> byAction, Map<String, Map<String, Long>> byTypology) {
    }

    /**
     * Blocks sent in the window and the exposure they stopped: the money at risk the decision table was
     * given for each (the subscriber's recent charges, decayed), summed.
     */
    public record Prevented(long blocks, BigDecimal exposure) {
    }

    /** The time of the newest decision, or null before the first: where the traffic is. */
    public static Instant newestDecision(JdbcTemplate jdbc) {
        Timestamp t = jdbc.queryForObject("SELECT max(recorded_at) FROM audit_entry WHERE entry_kind = 'DECISION'",
                Timestamp.class);
        return t == null ? null : t.toInstant();
    }

    public static Decisions decisions(JdbcTemplate jdbc, Instant from, Instant to) {
        Map<String, Long> byAction = new TreeMap<>();
        Map<String, Map<String, Long>> byTypology = new TreeMap<>();
        long[] totals = new long[2];
        jdbc.query("SELECT coalesce(typology, 'NONE'), action, count(*), count(*) FILTER (WHERE emitted) FROM audit_entry "
                + "WHERE entry_kind = 'DECISION' AND recorded_at >= ? AND recorded_at < ? AND " + DAYS + " GROUP BY 1, 2", rs -> {
                    long n = rs.getLong(3);
                    byAction.merge(rs.getString(2), n, Long::sum);
                    byTypology.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2), n);
                    totals[0] += n;
                    totals[1] += rs.getLong(4);
                }, Timestamp.from(from), Timestamp.from(to), firstDay(from), lastDay(to));
        return new Decisions(totals[0], totals[1], byAction, byTypology);
    }

    public static Prevented prevented(JdbcTemplate jdbc, Instant from, Instant to) {
        return jdbc.queryForObject("SELECT count(*), coalesce(sum((payload::jsonb #>> '{explanation,inputs,exposure}')::numeric), 0) "
                + "FROM audit_entry WHERE entry_kind = 'DECISION' AND emitted AND action LIKE 'BLOCK\\_%' "
                + "AND recorded_at >= ? AND recorded_at < ? AND " + DAYS,
                (rs, i) -> new Prevented(rs.getLong(1), rs.getBigDecimal(2)), Timestamp.from(from), Timestamp.from(to),
                firstDay(from), lastDay(to));
    }

    /** Alerts detected in the window, by typology. */
    public static Map<String, Long> alerts(JdbcTemplate jdbc, Instant from, Instant to) {
        return alertsBy(jdbc, "typology", from, to);
    }

    /** The time of the newest alert, or null before the first. */
    public static Instant newestAlert(JdbcTemplate jdbc) {
        Timestamp t = jdbc.queryForObject("SELECT max(detected_at) FROM alert_record", Timestamp.class);
        return t == null ? null : t.toInstant();
    }

    /** Alerts detected in the window, by the rule that raised them: what an analyst tunes by. */
    public static Map<String, Long> alertsByRule(JdbcTemplate jdbc, Instant from, Instant to) {
        return alertsBy(jdbc, "rule_id", from, to);
    }

    /** @param column typology or rule_id, never a caller's text */
    private static Map<String, Long> alertsBy(JdbcTemplate jdbc, String column, Instant from, Instant to) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT " + column + ", count(*) FROM alert_record WHERE detected_at >= ? AND detected_at < ? GROUP BY 1",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, Timestamp.from(from), Timestamp.from(to));
        return counts;
    }

    /** Decisions and alerts per step of the window, keyed by the step's start. */
    public static Map<Instant, long[]> perStep(JdbcTemplate jdbc, Instant from, Instant to, long stepSeconds) {
        Map<Instant, long[]> steps = new LinkedHashMap<>();
        String bucket = "to_timestamp(floor(extract(epoch FROM %s) / ?) * ?)";
        jdbc.query("SELECT " + bucket.formatted("recorded_at") + ", count(*) FROM audit_entry WHERE entry_kind = 'DECISION' "
                + "AND recorded_at >= ? AND recorded_at < ? AND " + DAYS + " GROUP BY 1", rs -> {
                    steps.computeIfAbsent(rs.getTimestamp(1).toInstant(), k -> new long[2])[0] = rs.getLong(2);
                }, stepSeconds, stepSeconds, Timestamp.from(from), Timestamp.from(to), firstDay(from), lastDay(to));
        jdbc.query("SELECT " + bucket.formatted("detected_at") + ", count(*) FROM alert_record WHERE detected_at >= ? "
                + "AND detected_at < ? GROUP BY 1", rs -> {
                    steps.computeIfAbsent(rs.getTimestamp(1).toInstant(), k -> new long[2])[1] = rs.getLong(2);
                }, stepSeconds, stepSeconds, Timestamp.from(from), Timestamp.from(to));
        return steps;
    }
}
