package io.ringfence.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** Deletes alerts for retention and erasure; the caller names the alerts a case still needs. */
public final class AlertRetention {
    private AlertRetention() {
    }

    /** Alerts whose last match is before {@code cutoff}, except {@code kept}. */
    public static int deleteLastMatchedBefore(Connection c, Instant cutoff, Collection<String> kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_record WHERE last_match_at < ? "
                + "AND NOT (alert_id = ANY (?))")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setArray(2, c.createArrayOf("text", kept.toArray()));
            return ps.executeUpdate();
        }
    }
}
