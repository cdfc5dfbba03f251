package io.ringfence.cases;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What handlers concluded about subjects: the latest triaged outcome ({@code CONFIRMED_FRAUD} or
 * {@code FALSE_POSITIVE}) of a closed case whose target or subscriber is the subject. Backtests join it to
 * their differences, so a reviewer reads "would have blocked 3 lines later confirmed as fraud".
 */
@Component
public class CaseOutcomes {
    /** One query per this many subjects: PostgreSQL takes the array as one parameter, but a day's differences are many. */
    private static final int CHUNK = 1000;

    private final JdbcTemplate jdbc;

    public CaseOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Subject (target value or subscriber) to its latest outcome; subjects without a triaged case are absent. */
    public Map<String, String> latest(Collection<String> subjects) {
        Map<String, String> out = new HashMap<>();
        String[] all = subjects.stream().distinct().toArray(String[]::new);
        for (int i = 0; i < all.length; i += CHUNK) {
            String[] chunk = java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + CHUNK));
            jdbc.query(con -> {
                var ps = con.prepareStatement("SELECT target_value, subscriber, outcome FROM fraud_case WHERE status = 'CLOSED'"
                        + " AND outcome IN ('CONFIRMED_FRAUD', 'FALSE_POSITIVE')"
                        + " AND (target_value = ANY (?) OR subscriber = ANY (?)) ORDER BY closed_at, case_id");
                var array = con.createArrayOf("text", chunk);
                ps.setArray(1, array);
                ps.setArray(2, array);
                return ps;
            }, (java.sql.ResultSet rs) -> {
                // Ordered by closing time: a later verdict on the same subject overrides an earlier one.
                out.put(rs.getString(1), rs.getString(3));
                if (rs.getString(2) != null) {
                    out.put(rs.getString(2), rs.getString(3));
                }
            });
        }
        out.keySet().retainAll(java.util.Set.of(all));
        return out;
    }
}
