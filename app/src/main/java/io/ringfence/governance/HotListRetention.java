package io.ringfence.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties the content (the numbers) of decided hot-list edits for retention, and the author's summary,
 * free text that may repeat them. Status, author, reviewer
 * and content_sha256 stay: the record of who changed a list, and proof of what was approved. A pending
 * edit is never touched, nor an approved one before it reached Redis (its content is still to apply);
 * hot lists are not rolled back from old edits, so nothing reads an applied edit's content again.
 */
public final class HotListRetention {
    private HotListRetention() {
    }

    public static int emptyDecidedBefore(Connection c, Instant cutoff, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE asset_change SET content = ''::bytea, summary = NULL, content_purged_at = ? "
                + "WHERE kind = 'HOT_LIST' AND content_purged_at IS NULL AND status <> 'PENDING' "
                + "AND (status <> 'APPROVED' OR applied_at IS NOT NULL) "
                + "AND coalesce(applied_at, reviewed_at, submitted_at) < ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }

    /** Hot-list edits whose content still names the number (a subject-access export), without the content. */
    public static List<Map<String, Object>> changesNaming(JdbcTemplate jdbc, String number) {
        return jdbc.queryForList("SELECT change_id, target AS list, operation, status, author, submitted_at, reviewer, "
                + "reviewed_at, applied_at FROM asset_change WHERE kind = 'HOT_LIST' AND content_purged_at IS NULL "
                + "AND strpos(convert_from(content, 'UTF8'), ?) > 0 ORDER BY submitted_at", number);
    }
}
