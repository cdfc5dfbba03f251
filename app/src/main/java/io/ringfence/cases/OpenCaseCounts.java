package io.ringfence.cases;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Open cases by queue and the state of their open task's deadline, for the console's dashboard: how
 * much work waits where, and how much of it is late.
 *
 * @param waiting open cases with no open task (between steps, or waiting on billing)
 */
public record OpenCaseCounts(String queue, long open, long onTime, long overdue, long escalated, long unclaimed,
                             long waiting) {

    public static List<OpenCaseCounts> byQueue(JdbcTemplate jdbc, Instant now) {
        // Cases, not tasks: a case with two open tasks counts once in each state one of them is in.
        return jdbc.query("SELECT f.queue, count(DISTINCT f.case_id), "
                        + "count(DISTINCT t.case_id) FILTER (WHERE t.escalated_at IS NULL AND (t.due_at IS NULL OR t.due_at >= ?)), "
                        + "count(DISTINCT t.case_id) FILTER (WHERE t.escalated_at IS NULL AND t.due_at < ?), "
                        + "count(DISTINCT t.case_id) FILTER (WHERE t.escalated_at IS NOT NULL), "
                        + "count(DISTINCT t.case_id) FILTER (WHERE t.owner IS NULL), "
                        + "count(DISTINCT f.case_id) FILTER (WHERE t.task_id IS NULL) "
                        + "FROM fraud_case f LEFT JOIN case_task t ON t.case_id = f.case_id AND t.completed_at IS NULL "
                        + "AND t.status NOT IN ('Completed', 'Obsolete') "
                        + "WHERE f.status = 'OPEN' GROUP BY f.queue ORDER BY f.queue",
                (rs, i) -> new OpenCaseCounts(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)),
                Timestamp.from(now), Timestamp.from(now));
    }
}
