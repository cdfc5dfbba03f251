package io.ringfence.backtest;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The subscribers a backtest's differences name, for retention, subject access and erasure
 * (docs/privacy.md). Differences are pseudonymised rather than deleted: the change's approval page
 * keeps its counts, typologies, rules and verdicts, which name nobody.
 */
public final class BacktestRetention {
    /** Every keyed pseudonym holds it ({@code +44#...}, {@code #...}); no number, address or trunk does. */
    private static final String PSEUDONYM_MARK = "#";

    private BacktestRetention() {
    }

    /**
     * Replaces subject and subscriber of every difference of the backtests that finished (or were
     * requested, for those that never ran) before the cutoff with their pseudonyms, and drops the rows of an
     * uploaded file its input names as unreadable (their counts stay). A running job is never touched: it is
     * still writing.
     *
     * @return how many backtests were pseudonymised
     */
    public static int pseudonymiseFinishedBefore(Connection c, Instant cutoff, Instant now, UnaryOperator<String> pseudonym)
            throws SQLException {
        List<UUID> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT backtest_id FROM backtest WHERE differences_pseudonymised_at "
                + "IS NULL AND status NOT IN ('QUEUED', 'RUNNING') AND coalesce(finished_at, requested_at) < ? FOR UPDATE")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        Array ids = c.createArrayOf("uuid", due.toArray());
        Set<String> identities = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT subject_value FROM backtest_difference WHERE backtest_id = "
                + "ANY (?) UNION SELECT subscriber FROM backtest_difference WHERE backtest_id = ANY (?) AND subscriber IS NOT NULL")) {
            ps.setArray(1, ids);
            ps.setArray(2, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String identity = rs.getString(1);
                    // An erasure pseudonymised these already: a pseudonym of a pseudonym could not be recomputed from the number.
                    if (!identity.contains(PSEUDONYM_MARK)) {
                        identities.add(identity);
                    }
                }
            }
        }
        if (!identities.isEmpty()) {
            String[] clear = identities.toArray(String[]::new);
            String[] tokens = identities.stream().map(pseudonym).toArray(String[]::new);
            // One statement per column with the whole mapping: a row per identity would be a round trip each.
            for (String column : List.of("subject_value", "subscriber")) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE backtest_difference d SET " + column + " = m.token "
                        + "FROM unnest(?::text[], ?::text[]) AS m(clear, token) WHERE d.backtest_id = ANY (?) AND d."
                        + column + " = m.clear")) {
                    ps.setArray(1, c.createArrayOf("text", clear));
                    ps.setArray(2, c.createArrayOf("text", tokens));
                    ps.setArray(3, ids);
                    ps.executeUpdate();
                }
            }
        }
        // An uploaded file's unreadable rows are named with the parser's reason, which may quote what the row held.
        try (PreparedStatement ps = c.prepareStatement("UPDATE backtest SET differences_pseudonymised_at = ?, "
                + "input = input - 'rejections' WHERE backtest_id = ANY (?)")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, ids);
            ps.executeUpdate();
        }
        return due.size();
    }

    /** The differences that name the number (a subject-access export). */
    public static List<Map<String, Object>> about(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT d.backtest_id, b.change_id, d.output, d.change, d.output_key, d.typology, d.rule_id, "
                + "d.subject_kind, d.subject_value, d.subscriber, d.at, d.live, d.draft, d.case_outcome FROM backtest_difference d JOIN backtest b "
                + "USING (backtest_id) WHERE d.subject_value = ? OR d.subscriber = ? ORDER BY d.at, d.backtest_id, d.seq",
                number, number);
    }

    /** Erasure: the number's differences pseudonymised now, whatever their age. @return rows changed */
    public static int pseudonymiseAbout(JdbcTemplate jdbc, String number, UnaryOperator<String> pseudonym) {
        String token = pseudonym.apply(number);
        jdbc.update("UPDATE backtest SET input = input - 'rejections' WHERE input IS NOT NULL AND strpos(input::text, ?) > 0",
                number);
        return jdbc.update("UPDATE backtest_difference SET subject_value = CASE WHEN subject_value = ? THEN ? ELSE "
                + "subject_value END, subscriber = CASE WHEN subscriber = ? THEN ? ELSE subscriber END "
                + "WHERE subject_value = ? OR subscriber = ?", number, token, number, token, number, number);
    }
}
