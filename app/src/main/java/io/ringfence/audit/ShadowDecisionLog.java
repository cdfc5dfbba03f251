package io.ringfence.audit;

import io.ringfence.contract.Decision;
import io.ringfence.decision.ShadowVerdict;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * {@code shadow_decision}: beside each live decision taken while a model ran in shadow, what that model would have
 * decided (docs/governance.md, "Shadow mode"). Written in the stream's batch transaction with the decision it
 * shadows, so a replayed batch writes each row once; read by the shadow report; forgotten with the alerts.
 */
public class ShadowDecisionLog {
    /** A live decision and the challenger's answer beside it. */
    public record Entry(Decision decision, ShadowVerdict verdict) {
    }

    /** One rule's tally for one challenger. */
    public record RuleTally(String ruleId, String typology, long decisions, long agree, long championBlocks,
                            long challengerBlocks, long championCases, long challengerCases, long errors) {
    }

    /** A decision the challenger answered otherwise (not by failing), with the subject a case verdict may name. */
    public record Disagreement(String ruleId, String typology, String targetValue, String subscriber, String championAction,
                               String challengerAction, boolean challengerBlocks, boolean championBlocks) {
    }

    private static final String INSERT = "INSERT INTO shadow_decision (decision_id, alert_id, typology, rule_id, subscriber,"
            + " target_kind, target_value, decided_at, champion_action, champion_open_case, champion_block_hours,"
            + " champion_score, decision_model, scoring_model, action, open_case, block_hours, case_queue, score, agrees, error)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING";

    private final JdbcTemplate jdbc;

    public ShadowDecisionLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction (the batch that stores the live decisions). */
    public static void write(Connection tx, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement(INSERT)) {
            for (Entry e : entries) {
                Decision d = e.decision();
                ShadowVerdict v = e.verdict();
                int i = 0;
                ps.setString(++i, d.decisionId());
                ps.setString(++i, d.alertIds().isEmpty() ? "" : d.alertIds().get(0));
                ps.setString(++i, d.reason());
                ps.setString(++i, d.explanation() == null ? null : d.explanation().ruleId());
                ps.setString(++i, d.subscriber());
                ps.setString(++i, d.target().kind().name());
                ps.setString(++i, d.target().value());
                ps.setTimestamp(++i, new Timestamp(d.decidedAtMillis()));
                ps.setString(++i, v.championAction() == null ? "NONE" : v.championAction().name());
                ps.setBoolean(++i, v.championOpenCase());
                ps.setInt(++i, v.championBlockHours());
                setDouble(ps, ++i, v.championScore());
                ps.setString(++i, v.decisionModel());
                ps.setString(++i, v.scoringModel());
                ps.setString(++i, v.action() == null ? null : v.action().name());
                ps.setBoolean(++i, v.openCase());
                ps.setInt(++i, v.blockHours());
                ps.setString(++i, v.caseQueue());
                setDouble(ps, ++i, v.score());
                ps.setBoolean(++i, v.agrees());
                ps.setString(++i, v.error() == null ? null : v.error().substring(0, Math.min(v.error().length(), 500)));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new AuditStoreException("cannot store " + entries.size() + " shadow decisions", e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    /** Per rule, what the challenger answered (the versions that answered for it) against the live tables' answers. */
    public List<RuleTally> tally(String decisionModel, String scoringModel) {
        return jdbc.query("""
                SELECT coalesce(rule_id, ''), typology, count(*), count(*) FILTER (WHERE agrees),
                       count(*) FILTER (WHERE champion_action LIKE 'BLOCK%'), count(*) FILTER (WHERE action LIKE 'BLOCK%'),
                       count(*) FILTER (WHERE champion_open_case OR champion_action = 'OPEN_CASE'),
                       count(*) FILTER (WHERE open_case OR action = 'OPEN_CASE'), count(*) FILTER (WHERE error IS NOT NULL)
                FROM shadow_decision WHERE decision_model = ? AND scoring_model = ?
                GROUP BY 1, 2 ORDER BY 3 DESC, 1""", (rs, n) -> new RuleTally(rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                decisionModel, scoringModel);
    }

    /** The decisions the challenger answered otherwise, newest first, at most {@code limit}. */
    public List<Disagreement> disagreements(String decisionModel, String scoringModel, int limit) {
        return jdbc.query("""
                SELECT coalesce(rule_id, ''), typology, target_value, subscriber, champion_action, coalesce(action, 'ERROR'),
                       coalesce(action LIKE 'BLOCK%', false), champion_action LIKE 'BLOCK%'
                FROM shadow_decision WHERE decision_model = ? AND scoring_model = ? AND NOT agrees AND error IS NULL
                ORDER BY decided_at DESC LIMIT ?""", (rs, n) -> new Disagreement(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8)),
                decisionModel, scoringModel, limit);
    }

    /** Retention: rows of decisions taken before the cutoff, with the alerts they came from. */
    public static int deleteDecidedBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM shadow_decision WHERE decided_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }

    /** Subject access: every row about the number, as subscriber or as target. */
    public static List<java.util.Map<String, Object>> about(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT * FROM shadow_decision WHERE subscriber = ? OR target_value = ? ORDER BY decided_at,"
                + " decision_id", number, number);
    }

    /** Erasure: every row about the number, as subscriber or as target. */
    public static int deleteAbout(JdbcTemplate jdbc, String number) {
        return jdbc.update("DELETE FROM shadow_decision WHERE subscriber = ? OR target_value = ?", number, number);
    }
}
