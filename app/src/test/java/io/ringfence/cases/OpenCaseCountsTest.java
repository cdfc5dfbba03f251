package io.ringfence.cases;

import io.ringfence.audit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OpenCaseCountsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void openCasesByQueueWithTheStateOfTheirDeadlines() {
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.fresh());
        task(jdbc, open(jdbc, "fraud-ops"), NOW.plusSeconds(600), false, null);
        task(jdbc, open(jdbc, "fraud-ops"), NOW.minusSeconds(60), false, "handler1");
        task(jdbc, open(jdbc, "fraud-ops"), NOW.minusSeconds(600), true, "handler1");
        open(jdbc, "fraud-ops");
        task(jdbc, open(jdbc, "signaling"), NOW.plusSeconds(60), false, null);
        UUID closed = open(jdbc, "signaling");
        jdbc.update("UPDATE fraud_case SET status = 'CLOSED' WHERE case_id = ?", closed);
        // Two open tasks on one case count it once; a task the engine made obsolete is no open task.
        UUID twoTasks = open(jdbc, "signaling");
        task(jdbc, twoTasks, NOW.plusSeconds(60), false, null);
        task(jdbc, twoTasks, NOW.plusSeconds(120), false, null);
        UUID obsolete = open(jdbc, "signaling");
        task(jdbc, obsolete, NOW.minusSeconds(60), false, null);
        jdbc.update("UPDATE case_task SET status = 'Obsolete' WHERE case_id = ?", obsolete);

        assertThat(OpenCaseCounts.byQueue(jdbc, NOW)).containsExactly(
                new OpenCaseCounts("fraud-ops", 4, 1, 1, 1, 1, 1),
                new OpenCaseCounts("signaling", 3, 2, 0, 0, 2, 1));
    }

    private static UUID open(JdbcTemplate jdbc, String queue) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO fraud_case (case_id, status, typology, priority, queue, sla_minutes, target_kind, target_value, "
                + "opened_by, opened_at) VALUES (?, 'OPEN', 'IRSF', 2, ?, 240, 'SUBSCRIBER', '+447700900001', 'ringfence', ?)",
                id, queue, Timestamp.from(NOW.minusSeconds(3_600)));
        return id;
    }

    private static void task(JdbcTemplate jdbc, UUID caseId, Instant due, boolean escalated, String owner) {
        jdbc.update("INSERT INTO case_task (task_id, case_id, name, status, groups, owner, created_at, due_at, escalated_at) "
                        + "VALUES (?, ?, 'Triage', ?, '{case-handler}', ?, ?, ?, ?)", "T-" + UUID.randomUUID(), caseId,
                owner == null ? "Ready" : "Reserved", owner, Timestamp.from(NOW.minusSeconds(3_000)), Timestamp.from(due),
                escalated ? Timestamp.from(due) : null);
    }
}
