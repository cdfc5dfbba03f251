package io.ringfence.privacy;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Rows of the personal-data tables written as the case, alert and change stores write them. */
final class PrivacyFixtures {
    private PrivacyFixtures() {
    }

    static void alert(JdbcTemplate jdbc, String id, String subscriber, Instant lastMatch) {
        jdbc.update("INSERT INTO alert_record (alert_id, typology, subject_kind, subject_value, subscriber, severity, "
                + "rule_id, detected_at, last_match_at, payload) VALUES (?, 'WANGIRI', 'SUBSCRIBER', ?, ?, 'HIGH', 'R-1', ?, ?, ?)",
                id, subscriber, subscriber, Timestamp.from(lastMatch), Timestamp.from(lastMatch),
                "{\"alertId\":\"" + id + "\",\"subscriber\":\"" + subscriber + "\"}");
    }

    /** What a model in shadow answered beside a live decision on the line. */
    static void shadowDecision(JdbcTemplate jdbc, String decisionId, String subscriber, Instant decidedAt) {
        jdbc.update("INSERT INTO shadow_decision (decision_id, alert_id, typology, rule_id, subscriber, target_kind, "
                + "target_value, decided_at, champion_action, champion_open_case, champion_block_hours, decision_model, "
                + "scoring_model, action, open_case, block_hours, agrees) VALUES (?, 'A-x', 'IRSF', 'IRSF-001', ?, "
                + "'SUBSCRIBER', ?, ?, 'BLOCK_SUBSCRIBER', false, 24, 'challenger', '1.0.0', 'MONITOR', false, 0, false)",
                decisionId, subscriber, subscriber, Timestamp.from(decidedAt));
    }

    /** A case with one task and one history line that repeats the number in its detail. */
    static UUID fraudCase(JdbcTemplate jdbc, String subscriber, Instant openedAt, Instant closedAt, boolean held,
                          String... alertIds) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO fraud_case (case_id, decision_id, status, typology, priority, queue, sla_minutes, "
                        + "target_kind, target_value, subscriber, alert_ids, decision_json, opened_by, opened_at, closed_at, "
                        + "outcome, legal_hold) VALUES (?, ?, ?, 'WANGIRI', 2, 'fraud-ops', 240, 'SUBSCRIBER', ?, ?, ?, ?, "
                        + "'ringfence', ?, ?, ?, ?)",
                id, "D-" + id, closedAt == null ? "OPEN" : "CLOSED", subscriber, subscriber, alertIds,
                "{\"subscriber\":\"" + subscriber + "\"}", Timestamp.from(openedAt),
                closedAt == null ? null : Timestamp.from(closedAt), closedAt == null ? null : "CONFIRMED_FRAUD", held);
        jdbc.update("INSERT INTO case_task (task_id, case_id, name, status, groups, created_at) VALUES (?, ?, 'Triage', "
                + "'Completed', '{case-handler}', ?)", "T-" + id, id, Timestamp.from(openedAt));
        jdbc.update("INSERT INTO case_history (case_id, at, actor, action, detail) VALUES (?, ?, 'hana', 'CONTACTED', ?)",
                id, Timestamp.from(openedAt), "{\"note\":\"called " + subscriber + " back\"}");
        return id;
    }

    static UUID hotListChange(JdbcTemplate jdbc, String status, Instant at, boolean applied, String numbers) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO asset_change (change_id, kind, target, operation, content, content_sha256, status, "
                        + "author, submitted_at, reviewer, reviewed_at, applied_at) VALUES (?, 'HOT_LIST', 'wangiri-sources', "
                        + "'ADD', ?, 'sha', ?, 'ana', ?, ?, ?, ?)",
                id, numbers.getBytes(), status, Timestamp.from(at), "PENDING".equals(status) ? null : "sam",
                "PENDING".equals(status) ? null : Timestamp.from(at), applied ? Timestamp.from(at) : null);
        return id;
    }

    /** A backtest of the change with one difference naming the subscriber; finishedAt null: still running. */
    static UUID backtest(JdbcTemplate jdbc, UUID changeId, Instant requestedAt, Instant finishedAt, String subscriber) {
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO backtest (backtest_id, change_id, kind, range_from, range_to, status, requested_by, "
                        + "requested_at, finished_at, heartbeat_at) VALUES (?, ?, 'RULES', ?, ?, ?, 'ana', ?, ?, ?)",
                id, changeId, Timestamp.from(requestedAt.minusSeconds(86_400)), Timestamp.from(requestedAt),
                finishedAt == null ? "RUNNING" : "DONE", Timestamp.from(requestedAt),
                finishedAt == null ? null : Timestamp.from(finishedAt), Timestamp.from(requestedAt));
        jdbc.update("INSERT INTO backtest_difference (backtest_id, seq, output, change, output_key, typology, rule_id, "
                        + "subject_kind, subject_value, subscriber, at, live, draft) VALUES (?, 0, 'ALERT', 'ADDED', ?, "
                        + "'WANGIRI', 'WANGIRI-001', 'SUBSCRIBER', ?, ?, ?, NULL, 'HIGH WANGIRI-001 matches 3 unscored')",
                id, UUID.randomUUID().toString(), subscriber, subscriber, Timestamp.from(requestedAt));
        return id;
    }
}
