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
 * decided; and, while a rule set runs in shadow, each decision either side took on an event, matched with the other
 * side's on the same event (docs/governance.md, "Shadow mode"). Written in the stream's batch transaction with the
 * decisions it shadows, so a replayed batch writes each row once; read by the shadow report; forgotten with the alerts.
 */
public class ShadowDecisionLog {
    /** What the column holds for a side that took no decision on the event (a rule set's run only). */
    public static final String NO_DECISION = "NONE";

    /**
     * One row: the champion's and the challenger's answers on one alert (a model's run) or one event's subject
     * (a rule set's run).
     *
     * @param decision the decision the row is about: the champion's, or the challenger's where only it decided
     * @param action   the challenger's action, {@link #NO_DECISION}, or null when it failed ({@code error})
     */
    public record Entry(String rowId, Decision decision, String championAction, boolean championOpenCase,
                        int championBlockHours, Double championScore, String decisionModel, String scoringModel,
                        String action, boolean openCase, int blockHours, String caseQueue, Double score, boolean agrees,
                        String error, String run, String ruleSet) {

        /** A live decision and the models' in shadow answer beside it. */
        public static Entry model(Decision d, ShadowVerdict v) {
            return new Entry(d.decisionId(), d, v.championAction() == null ? NO_DECISION : v.championAction().name(),
                    v.championOpenCase(), v.championBlockHours(), v.championScore(), v.decisionModel(), v.scoringModel(),
                    v.action() == null ? null : v.action().name(), v.openCase(), v.blockHours(), v.caseQueue(), v.score(),
                    v.agrees(), v.error(), v.run(), null);
        }

        /**
         * A rule set's run: what the live rules and the rules in shadow decided on one subject of one event; either
         * side may be null (it took no decision there). The id is derived from the run and the decision, so a batch
         * processed again writes the row once.
         */
        public static Entry rules(String run, String ruleSet, Decision champion, Decision challenger) {
            Decision about = champion != null ? champion : challenger;
            String id = java.util.UUID.nameUUIDFromBytes((run + "/" + (champion != null ? "champion/" : "challenger/")
                    + about.decisionId()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            boolean agrees = champion != null && challenger != null && champion.action() == challenger.action()
                    && champion.openCase() == challenger.openCase();
            return new Entry(id, about, champion == null ? NO_DECISION : champion.action().name(),
                    champion != null && champion.openCase(), champion == null ? 0 : hours(champion),
                    champion == null || champion.explanation() == null ? null : champion.explanation().score(),
                    orDash(about.decisionModelVersion()), orDash(about.modelVersion()),
                    challenger == null ? NO_DECISION : challenger.action().name(), challenger != null && challenger.openCase(),
                    challenger == null ? 0 : hours(challenger), challenger == null ? null : challenger.caseQueue(),
                    challenger == null || challenger.explanation() == null ? null : challenger.explanation().score(),
                    agrees, null, run, ruleSet);
        }

        /** A rule set's run that threw on the event of a live decision: the run's error, kept beside the decision. */
        public static Entry rulesFailed(String run, String ruleSet, Decision champion, String error) {
            String id = java.util.UUID.nameUUIDFromBytes((run + "/failed/" + champion.decisionId())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            return new Entry(id, champion, champion.action().name(), champion.openCase(), hours(champion),
                    champion.explanation() == null ? null : champion.explanation().score(),
                    orDash(champion.decisionModelVersion()), orDash(champion.modelVersion()), null, false, 0, null, null,
                    false, error == null ? "failed" : error, run, ruleSet);
        }

        /** A decision whose score failed names no scoring model; the column wants one. */
        private static String orDash(String version) {
            return version == null ? "-" : version;
        }

        private static int hours(Decision d) {
            return d.expiresAtMillis() == null ? 0
                    : (int) Math.round((d.expiresAtMillis() - d.decidedAtMillis()) / 3_600_000.0);
        }
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
            + " champion_score, decision_model, scoring_model, action, open_case, block_hours, case_queue, score, agrees, error,"
            + " run, rule_set) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (decision_id) DO NOTHING";

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
                int i = 0;
                ps.setString(++i, e.rowId());
                ps.setString(++i, d.alertIds().isEmpty() ? "" : d.alertIds().get(0));
                ps.setString(++i, d.reason());
                ps.setString(++i, d.explanation() == null ? null : d.explanation().ruleId());
                ps.setString(++i, d.subscriber());
                ps.setString(++i, d.target().kind().name());
                ps.setString(++i, d.target().value());
                ps.setTimestamp(++i, new Timestamp(d.decidedAtMillis()));
                ps.setString(++i, e.championAction());
                ps.setBoolean(++i, e.championOpenCase());
                ps.setInt(++i, e.championBlockHours());
                setDouble(ps, ++i, e.championScore());
                ps.setString(++i, e.decisionModel());
                ps.setString(++i, e.scoringModel());
                ps.setString(++i, e.action());
                ps.setBoolean(++i, e.openCase());
                ps.setInt(++i, e.blockHours());
                ps.setString(++i, e.caseQueue());
                setDouble(ps, ++i, e.score());
                ps.setBoolean(++i, e.agrees());
                ps.setString(++i, e.error() == null ? null : e.error().substring(0, Math.min(e.error().length(), 500)));
                ps.setString(++i, e.run());
                ps.setString(++i, e.ruleSet());
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

    /** Per rule, what the challenger of the run answered against the live side's answers. */
    public List<RuleTally> tally(String run) {
        return jdbc.query("""
                SELECT coalesce(rule_id, ''), typology, count(*), count(*) FILTER (WHERE agrees),
                       count(*) FILTER (WHERE champion_action LIKE 'BLOCK%'), count(*) FILTER (WHERE action LIKE 'BLOCK%'),
                       count(*) FILTER (WHERE champion_open_case OR champion_action = 'OPEN_CASE'),
                       count(*) FILTER (WHERE open_case OR action = 'OPEN_CASE'), count(*) FILTER (WHERE error IS NOT NULL)
                FROM shadow_decision WHERE run = ?
                GROUP BY 1, 2 ORDER BY 3 DESC, 1""", (rs, n) -> new RuleTally(rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)),
                run);
    }

    /** The decisions the challenger of the run answered otherwise, newest first, at most {@code limit}. */
    public List<Disagreement> disagreements(String run, int limit) {
        return jdbc.query("""
                SELECT coalesce(rule_id, ''), typology, target_value, subscriber, champion_action, coalesce(action, 'ERROR'),
                       coalesce(action LIKE 'BLOCK%', false), champion_action LIKE 'BLOCK%'
                FROM shadow_decision WHERE run = ? AND NOT agrees AND error IS NULL
                ORDER BY decided_at DESC LIMIT ?""", (rs, n) -> new Disagreement(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8)),
                run, limit);
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
