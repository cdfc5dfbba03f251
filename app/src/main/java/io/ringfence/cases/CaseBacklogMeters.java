package io.ringfence.cases;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case backlog for the operations dashboards and the SLA alert: open cases and open tasks past
 * their due time, read from the database at each scrape, so every instance reports the same shared
 * figure (dashboards take the max over instances, not the sum). A scrape while the database is away
 * reports NaN rather than a stale count.
 */
@Component
class CaseBacklogMeters {
    static final String OPEN_CASES = "ringfence.cases.open";
    static final String OVERDUE_TASKS = "ringfence.cases.tasks.overdue";

    private final JdbcTemplate jdbc;

    CaseBacklogMeters(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        Gauge.builder(OPEN_CASES, this, m -> m.count("SELECT count(*) FROM fraud_case WHERE status = 'OPEN'"))
                .description("cases not closed, all queues").register(registry);
        Gauge.builder(OVERDUE_TASKS, this, m -> m.count("SELECT count(*) FROM case_task WHERE completed_at IS NULL"
                        + " AND status NOT IN ('Completed', 'Obsolete') AND due_at <= now()"))
                .description("open case tasks past their SLA, escalated or not").register(registry);
    }

    private double count(String sql) {
        try {
            Long n = jdbc.queryForObject(sql, Long.class);
            return n == null ? Double.NaN : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
